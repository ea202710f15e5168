/// Greedy best-first assignment, the baseline the exact plan is compared with: take the highest-scoring
/// (demand, candidate) pair still possible, again and again. Fast and often good; not optimal when a high score
/// blocks two others worth more together.
extension SetPacking {
    public func greedy() -> Result {
        result(completedBestFirst([Int?](repeating: nil, count: demands.count)), status: .greedy)
    }

    /// Adds to `chosen`, best score first, every candidate of a still unserved demand whose resources are all free.
    /// Ties go to the earlier demand, then the earlier candidate, so the plan is reproducible.
    func completedBestFirst(_ start: [Int?]) -> [Int?] {
        var chosen = start
        var taken = Set<Resource>()
        for (d, c) in chosen.enumerated() { if let c { taken.formUnion(demands[d].candidates[c].resources) } }
        let order = demands.indices.flatMap { d in demands[d].candidates.indices.map { (d, $0) } }
            .sorted { a, b in
                let sa = demands[a.0].candidates[a.1].score, sb = demands[b.0].candidates[b.1].score
                return sa != sb ? sa > sb : a < b
            }
        for (d, c) in order where chosen[d] == nil {
            let resources = demands[d].candidates[c].resources
            guard taken.isDisjoint(with: resources) else { continue }
            chosen[d] = c
            taken.formUnion(resources)
        }
        return chosen
    }
}

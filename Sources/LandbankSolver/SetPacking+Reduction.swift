/// Exact reductions before the solver: they leave the optimum unchanged and make the program smaller.
extension SetPacking {
    /// For each demand, the indices of its candidates that are not dominated. A candidate is dominated by another
    /// candidate of the same demand that uses a subset of its resources and scores at least as much: any plan
    /// using the first can use the second instead, freeing resources and losing nothing. Of equal candidates the
    /// first is kept.
    func undominatedCandidates() -> [[Int]] {
        demands.map { demand in
            let cs = demand.candidates
            return cs.indices.filter { c in
                !cs.indices.contains { o in
                    o != c && cs[o].score >= cs[c].score && cs[o].resources.isSubset(of: cs[c].resources)
                        && (cs[o].score > cs[c].score || cs[o].resources.count < cs[c].resources.count || o < c)
                }
            }
        }
    }

    /// The demands split into groups that compete for no common resource (connected components of "some kept
    /// candidates of the two share a parcel or building"), each solvable on its own: the optimum is the union of
    /// the groups' optima. Demands without a kept candidate are left out. Groups in order of their first demand.
    func independentGroups(_ kept: [[Int]]) -> [[Int]] {
        var parent = Array(demands.indices)
        func root(_ d: Int) -> Int {
            var d = d
            while parent[d] != d { parent[d] = parent[parent[d]]; d = parent[d] }
            return d
        }
        var firstUser: [Resource: Int] = [:]
        for (d, candidates) in kept.enumerated() {
            for c in candidates {
                for r in demands[d].candidates[c].resources {
                    if let other = firstUser[r] { parent[root(other)] = root(d) } else { firstUser[r] = d }
                }
            }
        }
        var groups: [Int: [Int]] = [:], order: [Int] = []
        for d in demands.indices where !kept[d].isEmpty {
            let r = root(d)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(d)
        }
        return order.map { groups[$0]! }
    }
}

/// Land assembly: every connected set of neighbouring parcels whose summed area lies in a range.
///
/// The parcels are the vertices of a graph whose edges join parcels that touch or lie within the tolerance
/// (`Registry.neighbours(of:tolerance:)`). Sets are enumerated with ESU (Wernicke 2006): each connected set is
/// grown from its lowest-numbered parcel by adding only parcels next to the set and not next to what it held
/// before, so every connected set of up to `maxParcels` parcels is produced exactly once. Areas are positive,
/// so a set above the maximum is never grown further. With no maximum, a set that reaches the minimum is not
/// grown further (a larger one only adds land the investor did not ask for). The search is exact — it returns
/// every such set — unless it stops at `maxSets` sets or `maxSteps` steps, which `exact` then says.
struct Assembly {
    var maxParcels = 6
    var maxSets = 5_000
    var maxSteps = 500_000

    struct Result {
        /// Each set as indices into the areas given, in increasing order.
        var sets: [[Int]]
        var exact: Bool
    }

    func connectedSets(areas: [Double], adjacency: [[Int]], min lo: Double, max hi: Double?) -> Result {
        let n = areas.count
        let neighbours = adjacency.map(Set.init)
        var sets: [[Int]] = [], steps = 0, exact = true
        let hi = hi ?? .infinity

        func extend(_ sub: [Int], _ closed: Set<Int>, _ ext: [Int], _ root: Int, _ sum: Double) {
            guard exact else { return }
            steps += 1
            if steps > maxSteps || sets.count >= maxSets { exact = false; return }
            // A cancelled server request: stop (the caller throws); checked every 4096 steps, the check costs a call.
            if steps & 4095 == 0, Task.isCancelled { exact = false; return }
            if sub.count >= 2, sum >= lo, sum <= hi { sets.append(sub.sorted()) }
            if sub.count == maxParcels || (hi == .infinity && sum >= lo) { return }
            var ext = ext
            while let w = ext.popLast() {
                guard sum + areas[w] <= hi else { continue }
                let exclusive = neighbours[w].filter { $0 > root && !closed.contains($0) }
                extend(sub + [w], closed.union(neighbours[w]), ext + exclusive.sorted(), root, sum + areas[w])
                guard exact else { return }
            }
        }
        for v in 0..<n where areas[v] <= hi {
            extend([v], neighbours[v].union([v]), neighbours[v].filter { $0 > v }.sorted(), v, areas[v])
            if !exact { break }
        }
        return Result(sets: sets, exact: exact)
    }
}

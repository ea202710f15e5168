/// Land assembly: every connected set of neighbouring parcels whose summed area lies in a range.
///
/// The parcels are the vertices of a graph whose edges join parcels that touch or lie within the tolerance
/// (`Registry.neighbours(of:tolerance:)`). Sets are enumerated with ESU (Wernicke 2006): each connected set is
/// grown from its lowest-numbered parcel (its root) by adding only parcels next to the set and not next to what
/// it held before, so every connected set of up to `maxParcels` parcels is produced exactly once. Areas are
/// positive, so a set above the maximum is never grown further. With no maximum, a set that reaches the minimum is
/// not grown further (a larger one only adds land the investor did not ask for). The search is exact — it returns
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
        var walk = Walk(self, areas: areas, adjacency: adjacency, min: lo, max: hi)
        var sets: [[Int]] = []
        for v in areas.indices {
            sets += walk.sets(rootedAt: v)
            if !walk.exact { break }
        }
        return Result(sets: sets, exact: walk.exact)
    }

    /// ESU over one graph, one root at a time: `sets(rootedAt:)` gives the sets whose lowest-numbered parcel is
    /// the root. Numbering the parcels nearest first makes the root a set's nearest parcel, so that a search can
    /// stop after the roots it needs (`JoinedSites.nearestFirst`). The limits count over all roots walked.
    struct Walk {
        let limits: Assembly
        let areas: [Double]
        let neighbours: [Set<Int>]
        let lo: Double
        let hi: Double
        private(set) var steps = 0
        private(set) var found = 0
        /// False once a limit stopped the walk (or its task was cancelled): the sets given may miss some.
        private(set) var exact = true

        init(_ limits: Assembly, areas: [Double], adjacency: [[Int]], min lo: Double, max hi: Double?) {
            self.limits = limits
            self.areas = areas
            neighbours = adjacency.map(Set.init)
            self.lo = lo
            self.hi = hi ?? .infinity
        }

        /// The sets of at least two parcels rooted at `v`, each in increasing order; of at most `size` parcels
        /// when given (and below `maxParcels`).
        mutating func sets(rootedAt v: Int, upTo size: Int? = nil) -> [[Int]] {
            guard exact, areas[v] <= hi else { return [] }
            var sets: [[Int]] = []
            let most = min(size ?? limits.maxParcels, limits.maxParcels)
            guard most >= 2 else { return [] }
            extend([v], neighbours[v].union([v]), neighbours[v].filter { $0 > v }.sorted(), v, areas[v], most, into: &sets)
            found += sets.count
            return sets
        }

        private mutating func extend(_ sub: [Int], _ closed: Set<Int>, _ ext: [Int], _ root: Int, _ sum: Double,
                                     _ most: Int, into sets: inout [[Int]]) {
            guard exact else { return }
            steps += 1
            if steps > limits.maxSteps || found + sets.count >= limits.maxSets { exact = false; return }
            // A cancelled server request: stop (the caller throws); checked every 4096 steps, the check costs a call.
            if steps & 4095 == 0, Task.isCancelled { exact = false; return }
            if sub.count >= 2, sum >= lo, sum <= hi { sets.append(sub.sorted()) }
            if sub.count >= most || (hi == .infinity && sum >= lo) { return }
            var ext = ext
            while let w = ext.popLast() {
                guard sum + areas[w] <= hi else { continue }
                let exclusive = neighbours[w].filter { $0 > root && !closed.contains($0) }
                extend(sub + [w], closed.union(neighbours[w]), ext + exclusive.sorted(), root, sum + areas[w], most, into: &sets)
                guard exact else { return }
            }
        }
    }
}

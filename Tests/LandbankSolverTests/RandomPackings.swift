@testable import LandbankSolver

/// Seeded random set-packing instances and the brute-force optimum they are checked against.
enum RandomPackings {
    /// Up to `demands` demands over a small pool of parcels and buildings, so that candidates overlap often:
    /// single parcels, assemblies of 2–3 parcels, buildings with or without their parcel; some demands have no
    /// candidate; integer scores 1–6 make ties frequent, and `fractional` adds random fractions instead.
    static func small(seed: UInt64, demands: Int, fractional: Bool = false) throws -> SetPacking {
        var g = SplitMix64(seed: seed)
        let parcels = Int.random(in: 3...7, using: &g), buildings = 2
        let list = (0..<demands).map { d in
            let count = Int.random(in: 0...10, using: &g) == 0 ? 0 : Int.random(in: 1...3, using: &g)
            let candidates = (0..<count).map { c in
                var resources = Set<SetPacking.Resource>()
                switch Int.random(in: 0...3, using: &g) {
                case 0: resources.insert(.building("B\(Int.random(in: 0..<buildings, using: &g))"))
                case 1:
                    let b = Int.random(in: 0..<buildings, using: &g)
                    resources = [.building("B\(b)"), .parcel("P\(b)")]
                default:
                    let first = Int.random(in: 0..<parcels, using: &g)
                    for k in 0..<Int.random(in: 1...3, using: &g) { resources.insert(.parcel("P\((first + k) % parcels)")) }
                }
                let score = fractional ? Double.random(in: 0.1...10, using: &g) : Double(Int.random(in: 1...6, using: &g))
                return SetPacking.Candidate(id: "c\(c)", resources: resources, score: score)
            }
            return SetPacking.Demand(id: "D\(d)", candidates: candidates)
        }
        return try SetPacking(list)
    }

    /// `demands` demands along a strip of parcels, each with `perDemand` candidates near its own spot (single
    /// parcels, assemblies of 2–4 neighbouring parcels, buildings on the strip), so that neighbours compete.
    /// Hardest for the solver when supply is about demand (`parcelsPerDemand` 1, `buildingsPerDemand` 0.2):
    /// 2–13 s for 500 demands x 20 candidates on most seeds; with twice the parcels it takes well under a second.
    static func large(seed: UInt64, demands: Int, perDemand: Int, parcelsPerDemand: Double = 2,
                      buildingsPerDemand: Double = 0.5) throws -> SetPacking {
        var g = SplitMix64(seed: seed)
        let parcels = Int(Double(demands) * parcelsPerDemand), buildings = max(1, Int(Double(demands) * buildingsPerDemand))
        let list = (0..<demands).map { d in
            let spot = Int.random(in: 0..<parcels, using: &g)
            let candidates = (0..<perDemand).map { c in
                var resources = Set<SetPacking.Resource>()
                let near = min(parcels - 4, max(0, spot + Int.random(in: -30...30, using: &g)))
                if Int.random(in: 0..<5, using: &g) == 0 {
                    resources.insert(.building("B\(near * buildings / parcels)"))
                } else {
                    for k in 0..<Int.random(in: 1...4, using: &g) { resources.insert(.parcel("P\(near + k)")) }
                }
                return SetPacking.Candidate(id: "c\(c)", resources: resources, score: Double.random(in: 1...100, using: &g))
            }
            return SetPacking.Demand(id: "D\(d)", candidates: candidates)
        }
        return try SetPacking(list)
    }

    /// The best total score by trying every choice (none or one candidate per demand).
    static func bruteForce(_ packing: SetPacking) -> Double {
        func best(_ d: Int, _ taken: Set<SetPacking.Resource>) -> Double {
            guard d < packing.demands.count else { return 0 }
            var top = best(d + 1, taken)
            for c in packing.demands[d].candidates where taken.isDisjoint(with: c.resources) {
                top = max(top, c.score + best(d + 1, taken.union(c.resources)))
            }
            return top
        }
        return best(0, [])
    }

    /// The plan uses each demand at most once, only its own candidates, never a resource twice, and its objective
    /// is the sum of its scores.
    static func isValid(_ result: SetPacking.Result, for packing: SetPacking) -> Bool {
        var taken = Set<SetPacking.Resource>(), served = Set<String>(), sum = 0.0
        for a in result.assignments {
            guard served.insert(a.demand).inserted,
                  let candidate = packing.demands.first(where: { $0.id == a.demand })?.candidates.first(where: { $0.id == a.candidate }),
                  taken.isDisjoint(with: candidate.resources), candidate.score == a.score else { return false }
            taken.formUnion(candidate.resources)
            sum += a.score
        }
        let unserved = Set(result.unserved.map(\.demand))
        return abs(sum - result.objective) < 1e-9 && unserved.isDisjoint(with: served)
            && unserved.count + served.count == packing.demands.count
    }
}

/// A seeded generator (SplitMix64), so that random instances are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SetPacking {
    /// An assignment plan: who gets what, who gets nothing and why, the total score, and how sure we are of it.
    public struct Result: Sendable, Equatable {
        public struct Assignment: Sendable, Equatable {
            public var demand: String
            public var candidate: String
            public var score: Double
        }

        public struct Unserved: Sendable, Equatable {
            public var demand: String
            public var reason: Reason
        }

        public enum Reason: Sendable, Equatable, CustomStringConvertible {
            /// The demand had no candidate at all.
            case noCandidate
            /// Every candidate shares a parcel or building with the assignments of these demands (sorted), which
            /// are worth more together than giving it this demand.
            case resourcesTaken(by: [String])

            public var description: String {
                switch self {
                case .noCandidate: return "no candidate"
                case .resourcesTaken(let others):
                    return "every candidate's parcels or building are taken by better-scoring assignments (\(others.joined(separator: ", ")))"
                }
            }
        }

        public enum Status: Sendable, Equatable, CustomStringConvertible {
            /// Proven optimal by the solver.
            case optimal
            /// Stopped by the time limit: the best plan found, with the best bound and relative gap when known.
            case feasible(gap: Double?, bound: Double?)
            /// Greedy best-first: no claim of optimality.
            case greedy

            public var description: String {
                switch self {
                case .optimal: return "optimal"
                case .feasible(let gap, _): return gap.map { "feasible, gap \(($0 * 10_000).rounded() / 100)%" } ?? "feasible, gap unknown"
                case .greedy: return "greedy"
                }
            }
        }

        /// In the order of the demands.
        public var assignments: [Assignment]
        /// In the order of the demands.
        public var unserved: [Unserved]
        /// Sum of the assigned scores.
        public var objective: Double
        public var status: Status
    }

    /// The plan for `chosen[d]` (the index of demand d's candidate, or nil): scores summed in demand order, and
    /// each unserved demand's reason read off who holds its candidates' resources.
    func result(_ chosen: [Int?], status: Result.Status) -> Result {
        var holder: [Resource: String] = [:]
        for (d, c) in chosen.enumerated() {
            guard let c else { continue }
            for r in demands[d].candidates[c].resources { holder[r] = demands[d].id }
        }
        var assignments: [Result.Assignment] = [], unserved: [Result.Unserved] = [], objective = 0.0
        for (d, demand) in demands.enumerated() {
            if let c = chosen[d] {
                let candidate = demand.candidates[c]
                assignments.append(.init(demand: demand.id, candidate: candidate.id, score: candidate.score))
                objective += candidate.score
            } else if demand.candidates.isEmpty {
                unserved.append(.init(demand: demand.id, reason: .noCandidate))
            } else {
                let others = Set(demand.candidates.flatMap { $0.resources.compactMap { holder[$0] } })
                unserved.append(.init(demand: demand.id, reason: .resourcesTaken(by: others.sorted())))
            }
        }
        return Result(assignments: assignments, unserved: unserved, objective: objective, status: status)
    }
}

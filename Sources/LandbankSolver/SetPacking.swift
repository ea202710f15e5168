/// Joint assignment of sites to demands (a weighted set packing): each demand gets at most one of its candidates,
/// no resource (parcel or building) is used by two assignments, and the total score is as high as possible.
/// `solve` (Assignment.swift) is exact; `greedy` (SetPacking+Greedy.swift) is the best-first baseline.
public struct SetPacking: Sendable, Equatable {
    /// A parcel or a building: what two assignments may not share. A parcel and a building with the same id
    /// are different resources.
    public enum Resource: Hashable, Comparable, Sendable {
        case parcel(String)
        case building(String)
    }

    /// One site offered to one demand: a single parcel, an assembly of parcels, a building, or a building with
    /// its parcel, worth `score` (> 0) to that demand.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var resources: Set<Resource>
        public var score: Double

        public init(id: String, resources: Set<Resource>, score: Double) {
            self.id = id
            self.resources = resources
            self.score = score
        }
    }

    public struct Demand: Sendable, Equatable {
        public var id: String
        public var candidates: [Candidate]

        public init(id: String, candidates: [Candidate]) {
            self.id = id
            self.candidates = candidates
        }
    }

    public var demands: [Demand]

    /// Checks what the solver relies on, reporting the first problem with the demand and candidate it concerns:
    /// unique non-empty demand ids, candidate ids unique within their demand, at least one resource per candidate,
    /// and a finite positive score (a candidate worth nothing or less is simply not a candidate).
    public init(_ demands: [Demand]) throws(SolverError) {
        var ids = Set<String>()
        for demand in demands {
            guard !demand.id.isEmpty else { throw SolverError(.invalidModel, "a demand has an empty id") }
            guard ids.insert(demand.id).inserted else { throw SolverError(.invalidModel, "demand \(demand.id) appears twice") }
            var candidateIds = Set<String>()
            for c in demand.candidates {
                let at = "demand \(demand.id), candidate \(c.id)"
                guard candidateIds.insert(c.id).inserted else { throw SolverError(.invalidModel, "\(at): the candidate id appears twice") }
                guard !c.resources.isEmpty else { throw SolverError(.invalidModel, "\(at): no parcel or building") }
                guard c.score.isFinite, c.score > 0 else {
                    throw SolverError(.invalidModel, "\(at): score \(c.score) is not a positive number")
                }
            }
        }
        self.demands = demands
    }
}

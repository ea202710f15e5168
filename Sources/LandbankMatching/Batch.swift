import LandbankRegistry
import LandbankSolver

/// Sites assigned to a whole pipeline of demands at once (`match --batch`): no parcel or building used twice,
/// the total score as high as it can be.
///
/// Each demand is matched on its own first (`Matcher`, its hard requirements and scores); its candidates then
/// become the columns of a weighted set-packing program solved exactly by GLPK (`SetPacking`): at most one site
/// per demand, and one row per parcel and per building over every candidate that uses it, so assemblies that
/// share parcels are handled exactly. A land site uses its parcels and every building standing on them; floor
/// space uses its building only, so two buildings on one parcel can go to two investors, but not the parcel
/// and a building on it. Greedy best-first is solved beside it for comparison.
public struct BatchAnswer: Sendable, Encodable {
    public struct Assignment: Sendable, Encodable {
        public var demand: String
        public var parcels: [String]
        public var building: String?
        public var score: Double
        public var areaMu: Double
        /// For floor space: what the project takes in the building, m² (as much as the demand's `floor_space_m2`
        /// allows, up to what is vacant: its maximum, else its minimum, else all of it); nil for land.
        public var floorSpaceM2: Double?
        public var reasons: [String]

        enum CodingKeys: String, CodingKey {
            case demand, parcels, building, score, areaMu = "area_mu", floorSpaceM2 = "floor_space_m2", reasons
        }
    }

    public struct Unserved: Sendable, Encodable {
        public var demand: String
        public var reason: String
    }

    public struct Considered: Sendable, Encodable {
        public var parcels: [String]
        public var building: String?
        public var score: Double
    }

    public var assignments: [Assignment]
    public var unserved: [Unserved]
    /// The sum of the assigned scores.
    public var objective: Double
    /// "optimal", or "feasible, gap X%" when a time limit stopped the proof.
    public var status: String
    /// What greedy best-first (highest score first, skipping what is taken) reaches on the same candidates.
    public var greedyObjective: Double
    /// With `--explain`: every candidate considered, per demand id, so that anyone can check the optimum.
    public var candidates: [String: [Considered]]?

    enum CodingKeys: String, CodingKey {
        case assignments, unserved, objective, status, greedyObjective = "greedy_objective", candidates
    }
}

extension Matcher {
    /// Assigns sites to all `demands` jointly (see `BatchAnswer`). `perDemand` candidates are considered for
    /// each (the best by score).
    public func assign(_ demands: [Demand], options: MatchOptions = MatchOptions(), explain: Bool = false,
                       timeLimit: Duration? = nil) throws -> BatchAnswer {
        // Candidates only (nearest first, no `excluded` or near misses): the explanation's searches cost far more
        // than the candidates and the assignment needs none of it; a demand left without a candidate is matched
        // again with it below, to say what emptied its list.
        var candidatesOnly = options
        candidatesOnly.explain = false
        let answers = try demands.map { try match($0, options: candidatesOnly) }
        var buildingsOn: [String: [String]] = [:]
        func buildings(on parcel: String) throws -> [String] {
            if let known = buildingsOn[parcel] { return known }
            let ids = try registry.buildings(parcelID: parcel).map(\.buildingID)
            buildingsOn[parcel] = ids
            return ids
        }
        var columns: [SetPacking.Demand] = []
        for a in answers {
            var list: [SetPacking.Candidate] = []
            for (i, c) in a.candidates.enumerated() where c.score > 0 {
                var uses: Set<SetPacking.Resource>
                if let b = c.building {
                    uses = [.building(b)]
                } else {
                    uses = Set(c.parcels.map { SetPacking.Resource.parcel($0) })
                    for p in c.parcels { for b in try buildings(on: p) { uses.insert(.building(b)) } }
                }
                list.append(SetPacking.Candidate(id: String(i), resources: uses, score: c.score))
            }
            columns.append(SetPacking.Demand(id: a.demand, candidates: list))
        }
        try Task.checkCancellation()
        let packing = try SetPacking(columns)
        let exact = try packing.solve(timeLimit: timeLimit)
        let greedy = packing.greedy()
        let byDemand = Dictionary(answers.map { ($0.demand, $0) }, uniquingKeysWith: { a, _ in a })
        let demandByID = Dictionary(demands.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assignments = exact.assignments.compactMap { x -> BatchAnswer.Assignment? in
            // Candidate ids are indices into the demand's own answer, made just above.
            guard let a = byDemand[x.demand], let i = Int(x.candidate), a.candidates.indices.contains(i) else { return nil }
            let c = a.candidates[i]
            var taken: Double?
            if c.building != nil, let vacant = c.site.vacantFloorM2 {
                let wanted = demandByID[x.demand]?.floorSpaceM2.flatMap { $0.max ?? $0.min } ?? vacant
                taken = Figures.rounded(min(vacant, wanted), 2)
            }
            return .init(demand: x.demand, parcels: c.parcels, building: c.building, score: c.score,
                         areaMu: Figures.rounded(c.site.areaMu, 3), floorSpaceM2: taken, reasons: c.reasons)
        }
        let unserved = try exact.unserved.map { u -> BatchAnswer.Unserved in
            switch u.reason {
            case .noCandidate:
                let why = options.explain
                    ? try demandByID[u.demand].flatMap { try match($0, options: options).nearMisses.first?.text } : nil
                return .init(demand: u.demand, reason: "no site meets its hard requirements" + (why.map { " (\($0))" } ?? ""))
            case .resourcesTaken:
                return .init(demand: u.demand, reason: u.reason.description)
            }
        }
        let considered = explain ? Dictionary(answers.map { a in
            (a.demand, a.candidates.map { BatchAnswer.Considered(parcels: $0.parcels, building: $0.building, score: $0.score) })
        }, uniquingKeysWith: { a, _ in a }) : nil
        return BatchAnswer(assignments: assignments, unserved: unserved, objective: exact.objective,
                           status: exact.status.description, greedyObjective: greedy.objective, candidates: considered)
    }
}

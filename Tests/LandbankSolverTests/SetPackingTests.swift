import Foundation
import Testing
@testable import LandbankSolver

@Suite("Joint assignment of sites to demands (set packing)")
struct SetPackingTests {
    typealias C = SetPacking.Candidate
    typealias D = SetPacking.Demand

    @Test("the exact plan equals the brute-force optimum on 400 small random cases with overlaps, ties and empty demands")
    func exactAgainstBruteForce() throws {
        for seed in UInt64(1)...400 {
            let packing = try RandomPackings.small(seed: seed, demands: 1 + Int(seed % 6), fractional: seed > 300)
            let exact = try packing.solve()
            let best = RandomPackings.bruteForce(packing)
            #expect(exact.status == .optimal, "seed \(seed)")
            #expect(abs(exact.objective - best) <= 1e-9 * (1 + best), "seed \(seed): \(exact.objective) vs brute force \(best)")
            #expect(RandomPackings.isValid(exact, for: packing), "seed \(seed)")
            let greedy = packing.greedy()
            #expect(RandomPackings.isValid(greedy, for: packing) && greedy.status == .greedy, "seed \(seed)")
            #expect(greedy.objective <= exact.objective + 1e-9, "seed \(seed)")
            for plan in [exact, greedy] { try checkReasons(plan, packing, seed) }
        }
    }

    /// Every unserved demand either has no candidate, or each of its candidates shares a resource with the
    /// assignment of one of the demands its reason names (and of no other).
    func checkReasons(_ plan: SetPacking.Result, _ packing: SetPacking, _ seed: UInt64) throws {
        var holder: [SetPacking.Resource: String] = [:]
        for a in plan.assignments {
            let c = packing.demands.first { $0.id == a.demand }!.candidates.first { $0.id == a.candidate }!
            for r in c.resources { holder[r] = a.demand }
        }
        for u in plan.unserved {
            let demand = packing.demands.first { $0.id == u.demand }!
            if demand.candidates.isEmpty {
                #expect(u.reason == .noCandidate, "seed \(seed), \(u.demand)")
                continue
            }
            let holders = demand.candidates.map { Set($0.resources.compactMap { holder[$0] }) }
            #expect(holders.allSatisfy { !$0.isEmpty }, "seed \(seed), \(u.demand): a candidate is free")
            #expect(u.reason == .resourcesTaken(by: holders.reduce(Set()) { $0.union($1) }.sorted()), "seed \(seed), \(u.demand)")
        }
    }

    @Test("greedy takes the 10 that blocks two 9s; the exact plan takes the two 9s (18)")
    func greedyIsWorse() throws {
        let packing = try SetPacking([
            D(id: "A", candidates: [C(id: "P1+P2", resources: [.parcel("P1"), .parcel("P2")], score: 10)]),
            D(id: "B", candidates: [C(id: "P1", resources: [.parcel("P1")], score: 9)]),
            D(id: "C", candidates: [C(id: "P2", resources: [.parcel("P2")], score: 9)]),
            D(id: "E", candidates: []),
        ])
        let exact = try packing.solve()
        #expect(exact.objective == 18 && exact.status == .optimal)
        #expect(exact.assignments.map(\.demand) == ["B", "C"])
        #expect(exact.unserved == [.init(demand: "A", reason: .resourcesTaken(by: ["B", "C"])), .init(demand: "E", reason: .noCandidate)])
        let greedy = packing.greedy()
        #expect(greedy.objective == 10 && greedy.assignments.map(\.candidate) == ["P1+P2"])
        #expect(greedy.unserved.map(\.reason) == [.resourcesTaken(by: ["A"]), .resourcesTaken(by: ["A"]), .noCandidate])
        #expect(greedy.unserved[0].reason.description
            == "every candidate's parcels or building are taken by better-scoring assignments (A)")
    }

    @Test("overlapping assemblies: one demand's second choice frees the parcel the other needs")
    func overlappingAssemblies() throws {
        // By hand: a1 blocks both of B's candidates (8); a2 + b2 = 9; a2 and b1 share P3; b1 alone = 9. So 9.
        // Adding a building for A worth 9 frees the parcels: a3 + b1 = 18.
        var demands = [
            D(id: "A", candidates: [C(id: "a1", resources: [.parcel("P1"), .parcel("P2")], score: 8),
                                    C(id: "a2", resources: [.parcel("P3"), .parcel("P4")], score: 7)]),
            D(id: "B", candidates: [C(id: "b1", resources: [.parcel("P2"), .parcel("P3")], score: 9),
                                    C(id: "b2", resources: [.parcel("P1")], score: 2)]),
        ]
        #expect(try SetPacking(demands).solve().objective == 9)
        demands[0].candidates.append(C(id: "a3", resources: [.building("B1")], score: 9))
        let plan = try SetPacking(demands).solve()
        #expect(plan.objective == 18 && plan.assignments.map(\.candidate) == ["a3", "b1"])
    }

    @Test("bad candidates are refused naming the demand and the candidate")
    func badInput() {
        let p1: Set<SetPacking.Resource> = [.parcel("P1")]
        #expect(throws: SolverError(.invalidModel, "demand A, candidate x: score -1.0 is not a positive number")) {
            try SetPacking([D(id: "A", candidates: [C(id: "x", resources: p1, score: -1)])])
        }
        #expect(throws: SolverError(.invalidModel, "demand A, candidate x: no parcel or building")) {
            try SetPacking([D(id: "A", candidates: [C(id: "x", resources: [], score: 1)])])
        }
        #expect(throws: SolverError(.invalidModel, "demand A appears twice")) {
            try SetPacking([D(id: "A", candidates: []), D(id: "A", candidates: [])])
        }
        #expect(throws: SolverError(.invalidModel, "demand A, candidate x: the candidate id appears twice")) {
            try SetPacking([D(id: "A", candidates: [C(id: "x", resources: p1, score: 1), C(id: "x", resources: p1, score: 2)])])
        }
    }

    @Test("a candidate using more parcels for no more score is dropped; demands that compete for nothing are solved apart")
    func reductions() throws {
        let packing = try SetPacking([
            D(id: "A", candidates: [C(id: "a1", resources: [.parcel("P1"), .parcel("P2")], score: 5),
                                    C(id: "a2", resources: [.parcel("P1")], score: 5),
                                    C(id: "a3", resources: [.parcel("P1")], score: 5),
                                    C(id: "a4", resources: [.parcel("P3")], score: 4)]),
            D(id: "B", candidates: [C(id: "b1", resources: [.parcel("P2")], score: 3)]),
            D(id: "C", candidates: [C(id: "c1", resources: [.building("B1")], score: 1)]),
            D(id: "E", candidates: []),
        ])
        // a1 ⊇ a2 at the same score, a3 equals a2 (the first is kept); with a1 gone, A and B share nothing.
        let kept = packing.undominatedCandidates()
        #expect(kept == [[1, 3], [0], [0], []])
        #expect(packing.independentGroups(kept) == [[0], [1], [2]])
        #expect(try packing.solve().objective == 9)
    }

    @Test("a search cut short by the time limit still returns a valid plan, feasible, with its bound and gap")
    func timeLimit() throws {
        let packing = try RandomPackings.large(seed: 9, demands: 500, perDemand: 20, parcelsPerDemand: 1, buildingsPerDemand: 0.2)
        let plan = try packing.solve(timeLimit: .milliseconds(300))
        #expect(RandomPackings.isValid(plan, for: packing))
        try checkReasons(plan, packing, 9)
        guard case .feasible(let gap?, let bound?) = plan.status else {
            Issue.record("status \(plan.status)")
            return
        }
        #expect(bound >= plan.objective && gap >= 0 && gap == (bound - plan.objective) / (plan.objective + .ulpOfOne))
    }

    @Test("500 demands with 20 candidates each solve to a proven optimum, at least the greedy plan, the same twice")
    func fiveHundred() throws {
        let packing = try RandomPackings.large(seed: 7, demands: 500, perDemand: 20)
        let start = ContinuousClock.now
        let exact = try packing.solve(timeLimit: .seconds(120))
        let elapsed = ContinuousClock.now - start
        let greedy = packing.greedy()
        #expect(exact.status == .optimal && RandomPackings.isValid(exact, for: packing))
        #expect(exact.objective >= greedy.objective)
        #expect(try packing.solve() == exact)
        print("set packing 500 demands x 20 candidates: \(elapsed), objective \(exact.objective), greedy \(greedy.objective), "
              + "\(exact.assignments.count) served, \(exact.unserved.count) unserved")
    }
}

import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// A pipeline assigned jointly: four 15-mu parcels in a row, a factory building on the first.
@Suite("Batch assignment")
struct BatchTests {
    typealias P = Layouts.P

    static func layout() throws -> Registry {
        let parcels = (0..<4).map { i in P(id: "P\(i + 1)", rings: [Layouts.rect(Double(i) * 200, 0, 100, 100)]) }
        return try Layouts.registry(parcels, buildings: [
            ("B1", Layouts.rect(10, 10, 80, 80), ["parcel_id": "P1", "floor_area_m2": 6400, "vacant_floor_area_m2": 6400,
                                                  "status": "recovered", "clear_height_m": 9, "power_kva": 2000]),
        ])
    }

    func demands(_ r: Registry) throws -> [Demand] {
        let (lon, lat) = try Layouts.lonLat(50, 50, in: r)
        let near = #""near": {"lon": \#(lon), "lat": \#(lat), "max_km": 5}"#
        return try DemandReader.read(Data("""
            [{"id": "L1", "wants": "land", "land_mu": {"min": 10, "max": 20}, \(near)},
             {"id": "L2", "wants": "land", "land_mu": {"min": 10, "max": 20}, \(near)},
             {"id": "F1", "wants": "floor_space", "floor_space_m2": {"min": 5000}, \(near)}]
            """.utf8), file: "pipeline.json")
    }

    /// What a candidate uses up: its parcels and the buildings on them, or its building.
    func uses(_ c: BatchAnswer.Considered, _ r: Registry) throws -> Set<String> {
        if let b = c.building { return ["B:" + b] }
        var out = Set(c.parcels.map { "P:" + $0 })
        for p in c.parcels { for b in try r.buildings(parcelID: p) { out.insert("B:" + b.buildingID) } }
        return out
    }

    @Test("no parcel or building twice, the parcel under a let building kept for it, and the best total: brute force agrees")
    func optimal() throws {
        let r = try Self.layout()
        let list = try demands(r)
        let answer = try Matcher(registry: r).assign(list, explain: true)
        #expect(answer.status == "optimal")
        #expect(answer.assignments.count == 3, "\(answer.unserved)")
        var used: Set<String> = []
        for a in answer.assignments {
            let u = try uses(BatchAnswer.Considered(parcels: a.parcels, building: a.building, score: a.score), r)
            #expect(used.isDisjoint(with: u), "\(a.demand) reuses \(used.intersection(u))")
            used.formUnion(u)
        }
        #expect(answer.assignments.first { $0.demand == "F1" }?.building == "B1")
        #expect(!answer.assignments.contains { $0.building == nil && $0.parcels.contains("P1") })
        // Brute force over every choice (a candidate or nothing) per demand.
        let considered = try #require(answer.candidates)
        let options = try list.map { d in try (considered[d.id] ?? []).map { ($0.score, try uses($0, r)) } }
        func best(_ i: Int, _ taken: Set<String>) -> Double {
            guard i < options.count else { return 0 }
            var top = best(i + 1, taken)
            for (score, u) in options[i] where taken.isDisjoint(with: u) { top = max(top, score + best(i + 1, taken.union(u))) }
            return top
        }
        #expect(abs(answer.objective - best(0, [])) < 1e-6)
        #expect(abs(answer.objective - answer.assignments.reduce(0) { $0 + $1.score }) < 1e-6)
        #expect(answer.greedyObjective <= answer.objective + 1e-9)
    }

    @Test("a demand nothing satisfies is unserved, saying which requirement emptied its list")
    func unserved() throws {
        let r = try Self.layout()
        let list = try DemandReader.read(Data(#"[{"id": "BIG", "wants": "land", "land_mu": {"min": 400}}]"#.utf8), file: "p.json")
        let answer = try Matcher(registry: r).assign(list, options: MatchOptions(assemble: false))
        #expect(answer.assignments.isEmpty)
        #expect(answer.unserved.map(\.demand) == ["BIG"])
        #expect(answer.unserved.first?.reason.contains("land_mu") == true, "\(answer.unserved)")
    }
}

import Foundation
import Testing
import LandbankLifecycle
import LandbankRegistry
@testable import LandbankMatching

/// A `match --batch` answer accepted into the registry (`project assign --batch`), on BatchTests' layout: three
/// signed projects whose recorded demands are BatchTests' L1, L2 and F1.
@Suite("Accepting a batch assignment")
struct BatchAcceptanceTests {
    /// The layout with projects PL1 (demand L1), PL2 (demand L2) and F1 (its own id as its demand's), all signed.
    static func registry() throws -> (Registry, [Demand]) {
        let r = try BatchTests.layout()
        let demands = try BatchTests().demands(r)
        for (project, demand) in [("PL1", "L1"), ("PL2", "L2"), ("F1", "F1")] {
            try r.addProject(Project(id: project, name: "项目 \(project)", demandJSON: #"{"id": "\#(demand)"}"#),
                             stage: .signed, on: .today(), by: "t")
        }
        return (r, demands)
    }

    /// The answer as `match --batch --json` prints it.
    static func printed(_ a: BatchAnswer) throws -> Data { try JSONEncoder().encode(a) }

    @Test("every assignment lands in one transaction: parcels and the building assigned, the floor space the demand asked for taken, one site event per project; the let building's parcel stays")
    func accepted() throws {
        let (r, demands) = try Self.registry()
        let answer = try Matcher(registry: r).assign(demands)
        #expect(answer.assignments.count == 3)
        let floor = try #require(answer.assignments.first { $0.demand == "F1" })
        #expect(floor.building == "B1" && floor.floorSpaceM2 == 5000)   // the demand's minimum (no maximum), under the 6,400 vacant
        #expect(answer.assignments.allSatisfy { $0.building != nil || $0.floorSpaceM2 == nil })
        let list = try BatchAcceptance.read(try Self.printed(answer), file: "answer.json")
        let events = try r.assignSites(list, on: .today(), by: "招商局")
        #expect(events.map(\.projectID) == answer.assignments.map { ["L1": "PL1", "L2": "PL2", "F1": "F1"][$0.demand]! })
        #expect(try r.parcel(id: "P1")?.parcel.status == .recovered)   // under the building let to F1: not assigned
        for a in answer.assignments where a.building == nil {
            for p in a.parcels { #expect(try r.parcel(id: p)?.parcel.status == .assigned, "\(p)") }
        }
        let b1 = try #require(try r.buildings().first { $0.buildingID == "B1" })
        #expect(b1.status == .assigned && b1.vacantFloorAreaM2 == 1400)
        let history = try r.projectHistory(id: "F1")
        #expect(history.last?.sites == ["building:B1"], "\(history)")
        #expect(try r.verifyProjectHistory().isEmpty)
    }

    @Test("a stale answer (a site taken since) or a site named twice refuses the whole batch and writes nothing")
    func allOrNothing() throws {
        let (r, demands) = try Self.registry()
        let answer = try Matcher(registry: r).assign(demands)
        let land = try #require(answer.assignments.last { $0.building == nil })
        // Someone assigns the last land site by hand after the answer was made.
        try r.assignSites(project: ["L1": "PL1", "L2": "PL2"][land.demand]!, parcels: land.parcels, buildings: [], on: .today(), by: "t")
        let before = try r.projects().map { try r.projectHistory(id: $0.id).count }
        let list = try BatchAcceptance.read(try Self.printed(answer), file: "answer.json")
        #expect(throws: (any Error).self) { try r.assignSites(list, on: .today(), by: "t") }
        #expect(try r.projects().map { try r.projectHistory(id: $0.id).count } == before)
        #expect(try r.buildings().first { $0.buildingID == "B1" }?.vacantFloorAreaM2 == 6400)
        let twice = [SiteAssignment(project: "PL1", parcels: ["P3"]), SiteAssignment(project: "PL2", parcels: ["P3"])]
        #expect(throws: ProjectError.self) { try r.assignSites(twice, on: .today(), by: "t") }
        #expect(try r.parcel(id: "P3")?.parcel.status == .recovered)
        let unknown = [SiteAssignment(project: "NOPE", parcels: ["P3"])]
        #expect(throws: ProjectError.self) { try r.assignSites(unknown, on: .today(), by: "t") }
    }

    @Test("bad entries are all listed, each named by position and demand")
    func badAnswers() throws {
        let text = #"{"assignments": [{"demand": "A", "parcels": ["P1", 3]}, {"parcels": ["P2"]}, {"demand": "C"}, "#
            + #"{"demand": "D", "parcels": ["P4"], "floor_space_m2": 100}, {"demand": "E", "building": "B1", "floor_space_m2": -5}]}"#
        do {
            _ = try BatchAcceptance.read(Data(text.utf8), file: "a.json")
            Issue.record("accepted a bad answer")
        } catch let e as MatchInputErrors {
            #expect(e.lines == [
                "a.json: assignment #1 (A): parcels: must be parcel ids (texts), not a number",
                "a.json: assignment #2: demand: missing or not a text: name the project (or its demand's id)",
                "a.json: assignment #3 (C): assigns no site (give parcels or building)",
                "a.json: assignment #4 (D): floor_space_m2: is for a building; this assignment has none",
                "a.json: assignment #5 (E): floor_space_m2: must be a positive number of m², not -5.0",
            ])
        }
        #expect(throws: MatchInputErrors.self) { try BatchAcceptance.read(Data(#"{"objective": 3}"#.utf8), file: "a.json") }
        #expect(throws: MatchInputErrors.self) { try BatchAcceptance.read(Data(#"{"assignments": []}"#.utf8), file: "a.json") }
    }
}

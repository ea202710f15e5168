import Foundation
import Testing
import LandbankLifecycle
import LandbankRegistry
@testable import LandbankMatching

/// The runway of the registry's own pipeline, on RunwayTests' zone, with six projects (figures by hand):
///   A lead → negotiating → signed, land 40–80 (60 mu, 30–100), no site: weight 1;
///   B lead → negotiating, land 10–20 (15 mu, < 30);  C lead, land 150–250 (200 mu, 100–500);
///   D lead → negotiating → signed, no demand: named, not counted;  G lead → signed → building, land 50: has its
///   land (building), not counted;
///   E lead → terminated, land 600 (ended: not counted);  F lead → signed, site T assigned, land 500 (sited).
/// Reached (skipped steps count as passed): lead 7; following and negotiating 4 (A B D F) + G = 5; evaluating
/// and decided 4 (A D F G); signed 4. Weights = reached(signed) ÷ reached(stage): lead 4/7, negotiating 4/5.
/// Need: < 30: B 15 × 0.8 = 12; 30–100: A 60 × 1; 100–500: C 200 × 4/7.
@Suite("Supply runway from the registry's pipeline")
struct RunwayPipelineTests {
    static func demand(_ id: String, _ min: Int, _ max: Int) -> String {
        #"{"id": "\#(id)", "wants": "land", "land_mu": {"min": \#(min), "max": \#(max)}}"#
    }

    static func registry() throws -> Registry {
        let r = try RunwayTests.zone()
        func add(_ id: String, _ demand: String?, _ stages: [(ProjectStage, String)]) throws {
            try r.addProject(Project(id: id, name: id, demandJSON: demand), stage: stages[0].0, on: CivilDate(stages[0].1)!, by: "t")
            for (s, d) in stages.dropFirst() { try r.recordStage(NewProjectEvent(projectID: id, date: CivilDate(d)!, stage: s, recordedBy: "t")) }
        }
        try add("A", demand("A", 40, 80), [(.lead, "2024-01-01"), (.negotiating, "2024-02-01"), (.signed, "2024-03-01")])
        try add("B", demand("B", 10, 20), [(.lead, "2024-01-01"), (.negotiating, "2024-02-01")])
        try add("C", demand("C", 150, 250), [(.lead, "2024-01-01")])
        try add("D", nil, [(.lead, "2024-01-01"), (.negotiating, "2024-02-01"), (.signed, "2024-03-01")])
        try add("G", demand("G", 50, 50), [(.lead, "2024-01-01"), (.signed, "2024-03-01"), (.building, "2024-05-01")])
        try add("E", demand("E", 600, 600), [(.lead, "2024-01-01"), (.terminated, "2024-02-01")])
        try add("F", demand("F", 500, 500), [(.lead, "2024-01-01"), (.signed, "2024-04-01")])
        // Dated today: the parcels' own history begins on the day they were imported.
        try r.assignSites(project: "F", parcels: ["T"], buildings: [], on: .today(), by: "t")
        return r
    }

    @Test("signed projects without a site count in full, earlier ones by their chance to sign from the registry's history")
    func weighted() throws {
        let r = try Self.registry()
        let runway = try Runway.measurePipeline(registry: r, book: PolicyBook(), options: RunwayOptions(from: .today()))
        let pull = try #require(runway.pipeline)
        let rates = Dictionary(uniqueKeysWithValues: pull.rates.map { ($0.stage, $0) })
        #expect(pull.rates.map(\.stage) == [.lead, .following, .negotiating, .evaluating, .decided])
        #expect(rates[.lead]?.reached == 7 && rates[.lead]?.wentOn == 5 && rates[.lead]?.weight == 4.0 / 7)
        #expect(rates[.negotiating]?.reached == 5 && rates[.negotiating]?.wentOn == 4 && rates[.negotiating]?.weight == 0.8)
        #expect(rates[.decided]?.weight == 1)
        #expect(pull.projects.map(\.id) == ["A", "B", "C"] && pull.projects.map(\.weight) == [1, 0.8, 4.0 / 7])
        #expect(pull.withoutDemand == ["D"])
        let c = Dictionary(uniqueKeysWithValues: runway.classes.map { ($0.sizeClass, $0) })
        #expect(RunwayTests.close(c[.under30]?.parcels.need, 12) && c[.under30]?.parcels.demands == 1)
        #expect(RunwayTests.close(c[.from30]?.parcels.need, 60))
        #expect(RunwayTests.close(c[.from100]?.parcels.need, 800.0 / 7))
        #expect(c[.from500]?.parcels.demands == 0)
        #expect(RunwayTests.close(runway.land.need, 12 + 60 + 800.0 / 7) && runway.land.demands == 3)
    }
}

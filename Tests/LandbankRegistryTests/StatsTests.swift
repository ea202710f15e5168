import Testing
@testable import LandbankRegistry

@Suite("Totals")
struct StatsTests {
    @Test("rounded groups add up exactly to the rounded total (largest remainder)")
    func apportioned() throws {
        // Three groups of 1/3 mu each: naive rounding gives 0.333 × 3 = 0.999, the total says 1.000.
        let parts = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        let r = Apportionment.round(parts, total: 1.0, perUnit: 1000)
        #expect(r.reduce(0, +) == 1.0)
        #expect(r.sorted() == [0.333, 0.333, 0.334])
    }

    @Test("on the fixture, zone and status rows sum to the total to the 0.001 mu")
    func fixtureTotals() throws {
        let reg = try newRegistry()
        _ = try reg.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let s = try reg.stats().rounded()
        for groups in [s.byStatus, s.byZone] {
            let mu = groups.reduce(0) { $0 + Int(($1.totals.cadastralAreaMu! * 1000).rounded()) }
            #expect(mu == 3_575_105)
            #expect(groups.reduce(0) { $0 + $1.totals.parcels } == 144)
        }
        // Figures from Fixtures/README.md (computed by the generator with exact fractions).
        let zone = try #require(s.byZone.first { $0.key == "马洪片区" })
        #expect(zone.totals.parcels == 52 && abs(zone.totals.cadastralAreaMu! - 1398.8745) < 0.001)
    }
}

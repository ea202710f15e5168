import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Approval batches: supplied and approved-not-supplied land on hand-made layouts (EPSG:4547 metres, so every
/// cadastral area is a product of side lengths, 1 mu = 10000/15 m²).
@Suite("Approval batches (批而未供)")
struct ApprovalBatchTests {
    static let x0 = 588000.0, y0 = 3072000.0

    static func ring(_ pts: [(Double, Double)]) -> String {
        "[" + (pts + [pts[0]]).map { "[\(x0 + $0.0),\(y0 + $0.1)]" }.joined(separator: ",") + "]"
    }

    static func batch(_ id: String, _ kind: String, _ date: String, _ zone: String, _ rings: [[(Double, Double)]], declared: Double? = nil) -> String {
        let d = declared.map { ",\"approved_area_mu\":\($0)" } ?? ""
        return #"{"type":"Feature","id":"\#(id)","properties":{"kind":"\#(kind)","approved_on":"\#(date)","zone":"\#(zone)"\#(d)},"geometry":{"type":"Polygon","coordinates":[\#(rings.map(ring).joined(separator: ","))]}}"#
    }

    static func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [(Double, Double)] {
        [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    }

    /// B1 (0–200 × 0–200, 60 mu) and B2 (200–400 × 0–200, 60 mu) in 北区; B3 in 南区: 0–200 × 300–500 with a hole
    /// 50–150 × 350–450, 40000 − 10000 = 30000 m² = 45 mu.
    func layout() throws -> Registry {
        let r = try EfficiencyLayout.registry([
            ("HALF", Self.x0 - 50, Self.y0, 100, 100),        // half inside B1: 50 × 100 = 5000 m² in it
            ("CROSS", Self.x0 + 150, Self.y0 + 100, 100, 100), // 5000 m² in B1, 5000 m² in B2
            ("HOLE", Self.x0, Self.y0 + 300, 100, 100),        // 100 × 100 less the hole's 50 × 50 corner: 7500 m² in B3
            ("FREE", Self.x0 + 300, Self.y0, 100, 100),        // no contract
            ("LATE", Self.x0 + 250, Self.y0 + 150, 50, 50),    // contract recorded after the as-of date
        ])
        let file = try EfficiencyLayout.write(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["#
            + [Self.batch("B1", "农用地转用", "2021-01-01", "北区", [Self.box(0, 0, 200, 200)], declared: 60.2),
               Self.batch("B2", "土地征收", "2023-01-01", "北区", [Self.box(200, 0, 200, 200)]),
               Self.batch("B3", "农用地转用", "2019-05-01", "南区", [Self.box(0, 300, 200, 200), Self.box(50, 350, 100, 100).reversed()])]
                .joined(separator: ",\n") + "]}", name: "batches.geojson")
        let s = try r.importBatches(from: try FeatureSources.open(file), recordedBy: "test")
        #expect(s.batches == 3)
        let b1 = try #require(s.areas.first { $0.approvalNumber == "B1" })
        #expect(abs(b1.computedMu - 60) < 1e-6 && abs(b1.differenceMu! + 0.2) < 1e-6)
        func contract(_ p: String, _ recorded: String) throws {
            try r.setContract(parcelID: p, SupplyContract(contractNumber: "C-\(p)", holder: "甲公司", landPrice: Money(fen: 100_000_00),
                                                          agreedStart: CivilDate("2020-06-01")!), recordedBy: "test", date: CivilDate(recorded)!)
        }
        for p in ["HALF", "CROSS", "HOLE"] { try contract(p, "2020-01-01") }
        try contract("LATE", "2025-01-01")
        return r
    }

    @Test("a parcel half inside a batch, one across two batches, a batch with a hole: supplied and unsupplied areas")
    func layouts() throws {
        let report = try layout().batchReport(asOf: CivilDate("2024-06-30")!)
        func row(_ id: String) throws -> BatchSupply { try #require(report.batches.first { $0.approvalNumber == id }) }
        let b1 = try row("B1"), b2 = try row("B2"), b3 = try row("B3")
        // B1: HALF 5000 + CROSS 5000 = 10000 m² = 15 mu supplied; 60 − 15 = 45 unsupplied.
        #expect(abs(b1.suppliedMu - 15) < 1e-6 && abs(b1.unsuppliedMu - 45) < 1e-6 && abs(b1.supplyRate - 25) < 1e-6)
        #expect(b1.suppliedParcels == ["CROSS", "HALF"])
        // B2: CROSS's other 5000 m² = 7.5 mu; FREE has no contract, LATE's came after the as-of date.
        #expect(abs(b2.suppliedMu - 7.5) < 1e-6 && abs(b2.unsuppliedMu - 52.5) < 1e-6 && b2.suppliedParcels == ["CROSS"])
        // B3: 45 mu approved; HOLE 7500 m² = 11.25 mu supplied; 33.75 left.
        #expect(abs(b3.approvedMu - 45) < 1e-6 && abs(b3.suppliedMu - 11.25) < 1e-6 && abs(b3.unsuppliedMu - 33.75) < 1e-6)
        // The difference polygon keeps the batch's hole: 30000 − 7500 m², measured independently here by shoelace.
        let rest = try #require(b3.unsupplied)
        let planar = rest.polygons.reduce(0.0) { sum, p in
            sum + abs(Self.shoelace(p.exterior.points)) - p.holes.reduce(0.0) { $0 + abs(Self.shoelace($1.points)) }
        }
        #expect(abs(planar - 22500) < 1e-6)
        // Approved more than two years before 2024-06-30 with land left: B1 (2021) and B3 (2019), not B2 (2023).
        #expect(b1.flagged && !b2.flagged && b3.flagged)
        #expect(report.suppliedNotUsed.map(\.parcelID) == ["CROSS", "HALF", "HOLE"])
        #expect(report.suppliedNotUsed[0].idle.hasPrefix("idle since 2021-06-02") && report.suppliedNotUsed[0].batches == ["B1", "B2"])
    }

    static func shoelace(_ pts: [Point]) -> Double {
        zip(pts, pts.dropFirst()).reduce(0) { $0 + ($1.0.x - x0) * ($1.1.y - y0) - ($1.1.x - x0) * ($1.0.y - y0) } / 2
    }

    @Test("rounded once at the end, the figures add up to 0.001 mu: batches to zones to the total, supplied + unsupplied = approved")
    func addsUp() throws {
        let report = try layout().batchReport(asOf: CivilDate("2024-06-30")!)
        // Uneven shapes so that every figure has a remainder: nudge each batch by a third of a metre.
        let r = try EfficiencyLayout.registry([("P1", Self.x0 + 0.333, Self.y0 + 0.777, 123.4567, 98.7654)])
        let file = try EfficiencyLayout.write(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["#
            + (0..<5).map { i in
                let x = Double(i) * 61.1111
                return Self.batch("N\(i)", "土地征收", "2020-01-01", i < 3 ? "甲" : "乙", [[(x, 0), (x + 61.1111, 0.3), (x + 60.7, 150.123), (x + 0.2, 149.9)]])
            }.joined(separator: ",") + "]}", name: "n.geojson")
        _ = try r.importBatches(from: try FeatureSources.open(file), recordedBy: "t")
        try r.setContract(parcelID: "P1", SupplyContract(contractNumber: "C", holder: "乙", landPrice: Money(fen: 1), agreedStart: CivilDate("2021-01-01")!),
                          recordedBy: "t", date: CivilDate("2020-02-02")!)
        for raw in [report, try r.batchReport(asOf: CivilDate("2024-06-30")!)] {
            let x = raw.rounded()
            func units(_ v: Double) -> Int64 { Int64((v * 1000).rounded()) }
            #expect(x.batches.map { units($0.approvedMu) }.reduce(0, +) == units(x.total.approvedMu))
            #expect(x.byZone.map { units($0.approvedMu) }.reduce(0, +) == units(x.total.approvedMu))
            for z in x.byZone {
                let members = x.batches.filter { ($0.zone ?? BatchReport.noZone) == z.key }
                #expect(members.map { units($0.approvedMu) }.reduce(0, +) == units(z.approvedMu))
            }
            for row in x.batches { #expect(units(row.suppliedMu) + units(row.unsuppliedMu) == units(row.approvedMu)) }
            for t in x.byZone + [x.total] { #expect(units(t.suppliedMu) + units(t.unsuppliedMu) == units(t.approvedMu)) }
            #expect(abs(x.total.approvedMu - raw.batches.reduce(0) { $0 + $1.approvedMu }) < 0.0005)
        }
    }

    @Test("a batch without kind or date is refused naming the feature, and nothing is written")
    func badBatch() throws {
        let r = try newRegistry()
        let file = try EfficiencyLayout.write(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["#
            + Self.batch("OK", "土地征收", "2020-01-01", "甲", [Self.box(0, 0, 10, 10)]) + ","
            + Self.batch("BAD", "划拨", "2020-01-01", "甲", [Self.box(0, 0, 10, 10)]) + "]}", name: "bad.geojson")
        #expect { _ = try r.importBatches(from: try FeatureSources.open(file), recordedBy: "t") } throws: { e in
            "\(e)".contains("bad.geojson: feature 2 (id \"BAD\")") && "\(e)".contains("农用地转用 or 土地征收")
        }
        #expect(try r.approvalBatches().isEmpty)
    }

    @Test("a date in year 1 or 2 is refused as an argument, not a crash (found by schemathesis on /api/batches)")
    func earliestDate() throws {
        let r = try newRegistry()
        #expect { _ = try r.batchReport(asOf: CivilDate("0001-06-01")!) } throws: { e in
            (e as? RegistryError)?.kind == .invalidArgument && "\(e)".contains("from year 0003")
        }
        _ = try r.batchReport(asOf: CivilDate("0003-01-01")!)
    }
}

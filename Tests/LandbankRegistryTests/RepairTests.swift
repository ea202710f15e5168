import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Repair on request: --skip-invalid and --make-valid, each logged")
struct RepairTests {
    func registry() throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(fixture("bad/every-problem-registry.geojson"))
        return r
    }

    func issues(_ r: Registry, _ id: Int64) throws -> [ImportIssue] {
        var all: [ImportIssue] = []
        try r.forEachImportIssue(importID: id) { _, i in all.append(i) }
        return all
    }

    @Test("--skip-invalid imports the good features (the flagged one too) and logs the rest")
    func skipInvalid() throws {
        let r = try registry()
        let s = try r.importFile(fixture("bad/every-problem.geojson"), ImportOptions(skipInvalid: true))
        #expect(s.imported.parcels == 3 && s.log.outcome == .partial && s.log.rejected == 12 && s.log.added == 3)
        #expect(try r.parcelCount == 4)
        for id in ["P-001", "P-010", "P-012"] { #expect(try r.parcel(id: id) != nil, "\(id)") }
        #expect(try r.parcel(id: "P-001")?.parcel.name == "测试地块1", "the first P-001 is kept, the duplicate rejected")
        let logged = try issues(r, s.log.id)
        #expect(logged.count == 13 && logged.filter { $0.action == .rejected }.count == 12)
        #expect(try r.imports().first?.id == s.log.id)
    }

    @Test("--make-valid repairs the self-touching ring (area unchanged) and refuses the bow-tie (area changes)")
    func makeValid() throws {
        let r = try registry()
        let s = try r.importFile(fixture("bad/every-problem.geojson"),
                                 ImportOptions(skipInvalid: true, maxRepairChange: ImportOptions.defaultMaxRepairChange))
        #expect(s.imported.parcels == 4 && s.log.repaired == 1 && s.log.rejected == 11 && s.log.mode == "skip-invalid,make-valid")
        let repaired = try #require(try r.parcel(id: "P-005")).parcel
        // 60 m square less the 20 m × 20 m triangle folded into it: 3600 − 200 m² (hand calculation).
        #expect(abs((repaired.cadastralAreaM2 ?? 0) - 3400) < 1e-6, "\(repaired.cadastralAreaM2 ?? 0)")
        let logged = try issues(r, s.log.id)
        let repair = try #require(logged.first { $0.action == .repaired })
        #expect(repair.position == 5 && repair.rule == .invalidPolygon && repair.value == "area 3400.00 → 3400.00 m² (0.000%)", "\(repair)")
        #expect(repair.message.contains("Ring Self-intersection") && repair.message.contains("repaired by GEOS MakeValid"))
        let bowTie = try #require(logged.first { $0.position == 4 })
        #expect(bowTie.action == .rejected && bowTie.message.contains("more than --max-repair-change 0.100%"), "\(bowTie.message)")
        #expect(try r.parcel(id: "P-004") == nil)
    }

    @Test("a repair larger than --max-repair-change is refused; a larger limit lets it through")
    func limit() throws {
        let dir = try scratchDirectory()
        let path = dir + "/spike.geojson"
        // A 100 m square whose top edge makes a small diamond loop (diagonals 2 m) through itself: the shoelace
        // area counts the loop's 2 m² on top of the square's 10000 m² (hand calculation), GEOS MakeValid's
        // polygons differ from that by a fraction of a percent, more than 1e-7 and less than 1%.
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"S-1","properties":{},"geometry":{"type":"Polygon","coordinates":[[[580000,3085000],[580100,3085000],[580100,3085100],[580051,3085100],[580050,3085101],[580049,3085100],[580050,3085099],[580051,3085100],[580000,3085100],[580000,3085000]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let strict = try newRegistry()
        #expect(throws: ImportError.self) { try strict.importFile(path, ImportOptions(maxRepairChange: 0.0000001)) }
        #expect(try strict.parcelCount == 0)
        let lenient = try newRegistry()
        let s = try lenient.importFile(path, ImportOptions(maxRepairChange: 0.01))
        #expect(s.log.repaired == 1 && s.log.outcome == .imported)
    }
}

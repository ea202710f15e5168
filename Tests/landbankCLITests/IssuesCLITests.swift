import Foundation
import Testing

@Suite("import's problem summary, --report, --skip-invalid, --update and `landbank issues`")
struct IssuesCLITests {
    func registry() throws -> (dir: String, reg: String) {
        let dir = try scratchDirectory()
        let reg = dir + "/r.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("import", reg, fixture("bad/every-problem-registry.geojson"), "--by", "clerk").status == 0)
        return (dir, reg)
    }

    @Test("a refused import prints the summary by rule and the error, exits 65, writes the report and the log")
    func refused() throws {
        let (dir, reg) = try registry()
        let r = try lb("import", reg, fixture("bad/every-problem.geojson"), "--by", "clerk", "--report", dir + "/report.csv")
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("13 problems in every-problem.geojson, 12 of 15 features rejected (import #2):"), "\(r.stderr)")
        #expect(r.stderr.contains("invalid_polygon      rejected      2"), "\(r.stderr)")
        #expect(r.stderr.contains("wrote 13 problems to \(dir)/report.csv"))
        let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("landbank: error: every-problem.geojson: feature 2 (id \"P-002\"): feature has no geometry — nothing was imported; 13 problems"), "\(last)")
        let csv = try String(contentsOfFile: dir + "/report.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 14 && csv[0] == "import,position,feature_id,field,rule,value,action,message,location")
        #expect(csv[1].hasPrefix("2,2,P-002,,no_geometry,,rejected,feature has no geometry"), "\(csv[1])")
        #expect(try sqlite(reg, "SELECT outcome, recorded_by, length(file_sha256) FROM imports WHERE id = 2") == "refused|clerk|64")
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "1")
    }

    @Test("`issues` lists the imports, one import's problems, CSV and JSON; an unknown import is 66")
    func issues() throws {
        let (_, reg) = try registry()
        _ = try lb("import", reg, fixture("bad/every-problem.geojson"))
        let list = try lb("issues", reg)
        #expect(list.status == 0 && list.stdout.contains("#2") && list.stdout.contains("refused") && list.stdout.contains("every-problem.geojson"))
        let one = try lb("issues", reg, "--import", "2")
        #expect(one.status == 0 && one.stdout.contains("outcome   refused") && one.stdout.contains("duplicate_id"), "\(one.stdout)")
        let csv = try lb("issues", reg, "--import", "2", "--csv")
        #expect(csv.stdout.split(separator: "\n").count == 14)
        let json = try lb("issues", reg, "--import", "2", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["issues"] as? [Any])?.count == 13 && (object?["import"] as? [String: Any])?["outcome"] as? String == "refused")
        #expect(try lb("issues", reg, "--import", "9").status == 66)
        #expect(try lb("issues", reg, "--import", "0").status == 64)
    }

    @Test("--skip-invalid exits 0 with the summary; a duplicate against the registry alone is a conflict, 67")
    func skipAndConflict() throws {
        let (_, reg) = try registry()
        let r = try lb("import", reg, fixture("bad/every-problem.geojson"), "--skip-invalid", "--make-valid")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("imported 4 parcels from every-problem.geojson"), "\(r.stdout)")
        #expect(r.stdout.contains("13 problems in every-problem.geojson, 11 features skipped (import #2):"), "\(r.stdout)")
        #expect(r.stdout.contains("repaired"))
        #expect(try lb("import", reg, fixture("bad/every-problem-registry.geojson")).status == 67)
        #expect(try lb("import", reg, fixture("bad/every-problem.geojson"), "--make-valid", "--max-repair-change", "-1").status == 64)
    }

    @Test("--update --dry-run prints the difference and writes nothing; --update applies it")
    func update() throws {
        let (dir, reg) = try registry()
        let moved = dir + "/moved.geojson"
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"P-200","properties":{"zone":"袁河片区"},"geometry":{"type":"Polygon","coordinates":[[[576000,3086000],[576050,3086000],[576050,3086050],[576000,3086000]]]}}]}
        """.write(toFile: moved, atomically: true, encoding: .utf8)
        let dry = try lb("import", reg, moved, "--update", "--dry-run")
        #expect(dry.status == 0 && dry.stdout.contains("added    P-200 (feature 1)") && dry.stdout.contains("missing  P-100"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would add 1, would change 0, unchanged 0, missing from the file 1") && dry.stdout.contains("dry run: nothing was written"))
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "1")
        #expect(try sqlite(reg, "SELECT count(*) FROM imports") == "1")
        let real = try lb("import", reg, moved, "--update")
        #expect(real.status == 0 && real.stdout.contains("added 1, changed 0, unchanged 0, missing from the file 1"), "\(real.stdout)")
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "2")
    }
}

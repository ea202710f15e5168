import Foundation
import Testing

@Suite("The landbank command line")
struct CLITests {
    @Test("--help names every command")
    func help() throws {
        let r = try lb("--help")
        #expect(r.status == 0)
        for c in ["init", "import", "list", "show", "stats", "export"] { #expect(r.stdout.contains(c)) }
    }

    @Test("init, import, stats --json: the figures the issue names, 144 parcels and 3575.105 mu")
    func statsJSON() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        let imp = try lb("import", reg, fixture("xinyu-hitech-disposed.geojson"))
        #expect(imp.status == 0 && imp.stdout.contains("imported 144 parcels"))
        let s = try lb("stats", reg, "--json")
        #expect(s.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(s.stdout.utf8)) as? [String: Any])
        #expect(json["parcels"] as? Int == 144)
        #expect(json["cadastral_area_mu"] as? Double == 3575.105)
        for k in ["cadastral_area_m2", "ellipsoidal_area_m2", "ellipsoidal_area_mu"] { #expect(json[k] is Double) }
        let byZone = try #require(json["by_zone"] as? [String: [String: Any]])
        let byStatus = try #require(json["by_status"] as? [String: [String: Any]])
        #expect(byZone.values.reduce(0) { $0 + ($1["parcels"] as! Int) } == 144)
        #expect(byStatus["recovered"]?["cadastral_area_mu"] is Double)
    }

    @Test("a bad file: non-zero exit, one line naming the feature, and nothing written")
    func badImport() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        let r = try lb("import", reg, fixture("bad/self-intersection.geojson"))
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("BAD-002") && lines[0].contains("Self-intersection"))
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "0")
    }

    @Test("export --out - writes RFC 7946 GeoJSON to standard output; list and show print tables and JSON")
    func exportListShow() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        _ = try lb("import", reg, fixture("lonlat-sample.geojson"))
        let e = try lb("export", reg, "--out", "-")
        #expect(e.status == 0)
        let fc = try #require(try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as? [String: Any])
        #expect((fc["features"] as? [Any])?.count == 12 && fc["crs"] == nil)
        let list = try lb("list", reg)
        #expect(list.stdout.contains("LL-001") && list.stdout.contains("12 parcels"))
        let show = try lb("show", reg, "LL-004", "--json")
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(detail["holes"] as? Int == 1)
        let missing = try lb("show", reg, "NOPE")
        #expect(missing.status != 0 && missing.stderr.contains("NOPE"))
    }

    @Test("a CSV without --crs is refused with a hint")
    func csvHint() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        let r = try lb("import", reg, fixture("parcels-wkt.csv"))
        #expect(r.status != 0 && r.stderr.contains("--crs"))
        #expect(try lb("import", reg, fixture("parcels-wkt.csv"), "--crs", "EPSG:4547").status == 0)
    }
}

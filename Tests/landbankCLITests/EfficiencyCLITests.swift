import Foundation
import Testing

/// `landbank enterprise`, `grade`, `batch` and `inefficient` on the Xinyu fixtures (scripts/gen-xinyu-efficiency.py).
@Suite("landbank grade, batch and inefficient")
struct EfficiencyCLITests {
    func zone() throws -> String {
        let reg = try scratchDirectory() + "/zone.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        #expect(try lb("building", "import", reg, fixture("xinyu-hitech-buildings.geojson")).status == 0)
        #expect(try lb("contract", "import", reg, fixture("xinyu-hitech-contracts.csv"), "--date", "2016-01-01", "--by", "王").status == 0)
        let e = try lb("enterprise", "import", reg, fixture("xinyu-efficiency-enterprises-2024.csv"), "--year", "2024", "--by", "统计局")
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains("42 rows of 41 enterprises for 2024"))
        return reg
    }

    @Test("grade: the fixture's tie, vetoes and missing figures, as text, JSON and CSV")
    func grade() throws {
        let reg = try zone()
        let text = try lb("grade", reg, "--year", "2024", "--policy", fixture("grading-xinyu.json"))
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("41 enterprises graded for 2024"))
        #expect(text.stdout.contains("XY-E012: grade A (develop first (优先发展)): score 150.00. No veto applies (tied on 150.00 with XY-E013; ordered by enterprise id)"))
        #expect(text.stdout.contains("veto: 1 major safety incidents (at least 1) → at best D"))
        #expect(text.stdout.contains("Missing, scored 0: energy_per_value_added (energy_tce missing)"))
        #expect(text.stdout.contains("tenant of"))
        let json = try lb("grade", reg, "--year", "2024", "--policy", fixture("grading-xinyu.json"), "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts.values.reduce(0, +) == 41)
        let csv = try lb("grade", reg, "--year", "2024", "--policy", fixture("grading-xinyu.json"), "--csv")
        #expect(csv.stdout.hasPrefix("rank,enterprise_id,name,land_mu,score,score_grade,grade,vetoes,tax_per_mu,tax_per_mu_points,"))
        #expect(csv.stdout.split(separator: "\n").count == 42)
        let bad = try lb("grade", reg, "--year", "2024", "--policy", fixture("policies-xinyu.json"))
        #expect(bad.status == 65 && bad.stderr.contains("not a grading policy"))
    }

    @Test("a bad enterprise file exits 65 naming every bad row; nothing is written")
    func badFile() throws {
        let reg = try zone()
        let bad = try scratchDirectory() + "/bad.csv"
        try "enterprise_id,parcel_id,tax_yuan\nX1,XYGX-2023-001,abc\nX2,NOPE,1\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try lb("enterprise", "import", reg, bad, "--year", "2024")
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.csv: row 1") && r.stderr.contains("row 2: column \"parcel_id\": parcel NOPE is not in the registry"))
        #expect(try lb("enterprise", "list", reg, "--year", "2024").stdout.contains("42 rows for 2024"))
    }

    @Test("batch import compares the declared areas; batch report adds up and writes the unsupplied polygons")
    func batches() throws {
        let reg = try zone()
        let imported = try lb("batch", "import", reg, fixture("xinyu-efficiency-batches.geojson"), "--by", "资规局")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("8 approval batches imported"))
        #expect(imported.stdout.contains("-1.502"))
        let map = try scratchDirectory() + "/unsupplied.geojson"
        let json = try lb("batch", "report", reg, "--as-of", "2025-06-30", "--json", "--geojson", map)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["batches"] as? [[String: Any]])
        let total = try #require(object["total"] as? [String: Any])
        func units(_ v: Any?) -> Int64 { Int64((((v as? Double) ?? 0) * 1000).rounded()) }
        #expect(rows.map { units($0["approved_mu"]) }.reduce(0, +) == units(total["approved_mu"]))
        for r in rows { #expect(units(r["supplied_mu"]) + units(r["unsupplied_mu"]) == units(r["approved_mu"])) }
        #expect(units(total["supplied_mu"]) + units(total["unsupplied_mu"]) == units(total["approved_mu"]))
        #expect(total["over_two_years_unsupplied"] as? Int == 6)
        let features = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: map))) as? [String: Any])?["features"] as? [Any])
        #expect(features.count == 8)
        let csv = try lb("batch", "report", reg, "--as-of", "2025-06-30", "--csv")
        #expect(csv.stdout.hasPrefix("level,key,kind,approved_on,zone,approved_mu,"))
        #expect(try lb("verify", reg).status == 0)
        // The batches are a feature layer of the GeoPackage: GDAL's referee still finds nothing wrong.
        let validate = try run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", reg])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test("inefficient: a confirmation and a plan show on the list; confirming twice exits 67")
    func inefficient() throws {
        let reg = try zone()
        let ok = try lb("inefficient", reg, "--confirm", "XYGX-2023-009", "--basis", "grade D 2024, policy 新余高新区", "--date", "2025-07-01", "--by", "王")
        #expect(ok.status == 0, "\(ok.stderr)")
        let again = try lb("inefficient", reg, "--confirm", "XYGX-2023-009", "--basis", "x", "--date", "2025-07-02", "--by", "王")
        #expect(again.status == 67 && again.stderr.contains("already marked inefficient"))
        #expect(try lb("inefficient", reg, "--plan", "XYGX-2023-009", "--method", "acquisition", "--date", "2025-12-31", "--by", "王").status == 0)
        let csv = try lb("inefficient", reg, "--date", "2025-07-02", "--policy", fixture("grading-xinyu.json"), "--csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("XYGX-2023-009,") && csv.stdout.contains("confirmed,\"confirmed 2025-07-01 by 王: grade D 2024, policy 新余高新区\",acquisition,2025-12-31"))
        let text = try lb("inefficient", reg, "--date", "2025-07-02", "--min-mu", "100")
        #expect(text.stdout.contains("on the inefficient-land list") && text.stdout.contains("contiguous block"))
        let history = try lb("history", reg, "XYGX-2023-009")
        #expect(history.stdout.contains("inefficient"))
        // The same mark through `record`, as a clerk confirms a proposal of `landbank grade`; lifted the same way.
        let recorded = try lb("record", reg, "XYGX-2023-010", "--inefficient", "--basis", "grade C 2024", "--date", "2025-07-01", "--by", "李")
        #expect(recorded.status == 0 && recorded.stdout.contains("confirmed on the inefficient-land list"), "\(recorded.stderr)")
        func line(_ date: String) throws -> String {
            try lb("inefficient", reg, "--date", date, "--csv").stdout.split(separator: "\n").first { $0.hasPrefix("XYGX-2023-010,") }.map(String.init) ?? ""
        }
        #expect(try line("2025-07-02").contains("confirmed 2025-07-01 by 李: grade C 2024"))
        #expect(try lb("record", reg, "XYGX-2023-010", "--lift-inefficient", "--basis", "grade B 2025", "--date", "2025-08-01", "--by", "李").status == 0)
        #expect(try !line("2025-08-02").contains("confirmed 2025-07-01"))
        #expect(try lb("record", reg, "XYGX-2023-010", "--inefficient", "--status", "idle", "--basis", "x", "--date", "2025-08-01", "--by", "李").status == 64)
    }
}

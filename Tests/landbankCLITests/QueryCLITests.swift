import Foundation
import Testing

/// `list` and `building list` with site filters, and `show --neighbours`, on the Xinyu fixtures.
@Suite("Site queries on the command line")
struct QueryCLITests {
    static func registry() throws -> String {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        _ = try lb("import", reg, fixture("xinyu-hitech-disposed.geojson"))
        _ = try lb("building", "import", reg, fixture("xinyu-hitech-buildings.geojson"))
        return reg
    }

    static func json(_ r: Run) throws -> [[String: Any]] {
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    @Test("--near --within-km: nearest first, distance_km in JSON and a distance column; --limit keeps the nearest")
    func near() throws {
        let reg = try Self.registry()
        let all = try Self.json(try lb("list", reg, "--near", "114.9,27.76", "--within-km", "3", "--json"))
        let d = all.map { $0["distance_km"] as! Double }
        #expect(!d.isEmpty && d == d.sorted() && d.allSatisfy { $0 <= 3 })
        let three = try Self.json(try lb("list", reg, "--near", "114.9,27.76", "--within-km", "3", "--limit", "3", "--json"))
        #expect(three.map { $0["parcel_id"] as! String } == all.prefix(3).map { $0["parcel_id"] as! String })
        let table = try lb("list", reg, "--near", "114.9,27.76", "--within-km", "3")
        #expect(table.status == 0 && table.stdout.contains("distance km") && table.stdout.contains("\(all.count) parcels"))
        #expect(try !lb("list", reg).stdout.contains("distance km"))
    }

    @Test("--sort area with --limit and --page-token: the pages together are the whole sorted listing, none repeated")
    func pages() throws {
        let reg = try Self.registry()
        let whole = try Self.json(try lb("list", reg, "--sort", "area", "--json")).map { $0["parcel_id"] as! String }
        var paged: [String] = []
        var token: String?
        for _ in 0..<100 {
            let r = try run(landbank, ["list", reg, "--sort", "area", "--limit", "25", "--json"] + (token.map { ["--page-token", $0] } ?? []))
            paged += try Self.json(r).map { $0["parcel_id"] as! String }
            token = r.stderr.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            if !r.stderr.contains("--page-token") { break }
        }
        #expect(whole.count > 100)
        #expect(paged == whole)
        let areas = try Self.json(try lb("list", reg, "--sort", "area", "--json")).map { $0["cadastral_area_mu"] as! Double }
        #expect(areas == areas.sorted(by: >))
    }

    @Test("stats and export take list's site filters: the same parcels, the same areas")
    func statsAndExport() throws {
        let reg = try Self.registry()
        let args = ["--min-mu", "20", "--max-mu", "60", "--near", "114.95,27.80", "--within-km", "6"]
        let listed = try Self.json(try run(landbank, ["list", reg, "--json"] + args))
        #expect(listed.count > 3)
        let stats = try run(landbank, ["stats", reg, "--json"] + args)
        #expect(stats.status == 0, "\(stats.stderr)")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(totals["parcels"] as? Int == listed.count)
        let sum = listed.reduce(0.0) { $0 + ($1["cadastral_area_mu"] as! Double) }
        #expect(abs((totals["cadastral_area_mu"] as! Double) - sum) < 0.0015)
        let out = try scratchDirectory() + "/sites.geojson"
        let export = try run(landbank, ["export", reg, "--out", out] + args)
        #expect(export.status == 0, "\(export.stderr)")
        let fc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let ids = (fc["features"] as! [[String: Any]]).map { $0["id"] as! String }.sorted()
        #expect(ids == listed.map { $0["parcel_id"] as! String }.sorted())
    }

    @Test("--min-mu/--max-mu, --land-use, --bbox and the building filters narrow the list")
    func filters() throws {
        let reg = try Self.registry()
        let everything = try Self.json(try lb("list", reg, "--json"))
        let mid = try Self.json(try lb("list", reg, "--min-mu", "20", "--max-mu", "40", "--json"))
        #expect(!mid.isEmpty && mid.count < everything.count)
        #expect(mid.allSatisfy { (20...40).contains($0["cadastral_area_mu"] as! Double) })
        let industrial = try Self.json(try lb("list", reg, "--land-use", "industrial", "--json"))
        #expect(!industrial.isEmpty && industrial.allSatisfy { $0["land_use"] as? String == "industrial" })
        let boxed = try Self.json(try lb("list", reg, "--bbox", "588000,3072000,589000,3073000", "--json"))
        #expect(!boxed.isEmpty && boxed.count < everything.count)
        let powered = try Self.json(try lb("list", reg, "--min-power-kva", "1000", "--standard-factory", "--json"))
        #expect(!powered.isEmpty && powered.count < everything.count)
        for p in powered {
            let b = try Self.json(try lb("building", "list", reg, "--parcel", p["parcel_id"] as! String,
                                          "--min-power-kva", "1000", "--standard-factory", "--json"))
            #expect(!b.isEmpty && b.allSatisfy { ($0["power_kva"] as! Double) >= 1000 && $0["standard_factory"] as! Bool })
        }
        let later = try Self.json(try lb("building", "list", reg, "--available-by", "2025-03-01", "--json"))
        #expect(later.allSatisfy { ($0["available_from"] as! String) <= "2025-03-01" })
    }

    @Test("building list --near: nearest first with distance_km")
    func buildingsNear() throws {
        let reg = try Self.registry()
        let list = try Self.json(try lb("building", "list", reg, "--near", "114.9,27.76", "--within-km", "5",
                                        "--min-clear-height", "6", "--json"))
        let d = list.map { $0["distance_km"] as! Double }
        #expect(!d.isEmpty && d == d.sorted() && list.allSatisfy { ($0["clear_height_m"] as! Double) >= 6 })
    }

    @Test("ranges are checked before anything is opened: one usage line, non-zero exit")
    func ranges() throws {
        let reg = try Self.registry()
        for (args, words) in [
            (["--min-mu", "5", "--max-mu", "1"], "--min-mu 5.0 is above --max-mu 1.0"),
            (["--min-mu=-1"], "--min-mu must be"),
            (["--near", "114.9,27.76"], "--near needs --within-km"),
            (["--within-km", "3"], "--within-km needs --near"),
            (["--near", "27.76,114.9", "--within-km", "3"], "latitude must be from -90 to 90"),
            (["--near", "114.9,27.76", "--within-km", "0"], "--within-km must be more than 0"),
            (["--min-clear-height=-2"], "--min-clear-height must be"),
            (["--bbox", "5,5,1,1"], "--bbox must be"),
        ] {
            let r = try run(landbank, ["list", reg] + args)
            #expect(r.status != 0 && r.stderr.contains(words), "\(args): \(r.stderr)")
        }
    }

    @Test("show --neighbours lists the parcels next to one, with the shared boundary; --tolerance is checked")
    func neighbours() throws {
        let reg = try Self.registry()
        let first = try Self.json(try lb("list", reg, "--limit", "1", "--json"))[0]["parcel_id"] as! String
        let wide = try Self.json(try lb("show", reg, first, "--neighbours", "--tolerance", "200", "--json"))
        #expect(!wide.isEmpty && wide.allSatisfy { ($0["distance_m"] as! Double) <= 200 && $0["shared_boundary_m"] is Double })
        let table = try lb("show", reg, first, "--neighbours")
        #expect(table.status == 0 && table.stdout.contains("neighbours of \(first) within 0.50 m"))
        let bad = try lb("show", reg, first, "--neighbours", "--tolerance=-1")
        #expect(bad.status != 0 && bad.stderr.contains("--tolerance must be"))
    }
}

import Foundation
import Testing

/// `match`, `blocks` and `policy` run as the built binary on the Xinyu fixtures: the answers' JSON shape, hard
/// requirements checked against what `list --json` and `building list --json` say of each site, the map, bad
/// input, and the exit statuses.
@Suite("Matching on the command line")
struct MatchCLITests {
    /// The Xinyu parcels and buildings with the zones' policies; made once, only read by the tests sharing it.
    static let shared = Result { try registry(policies: true) }

    static func registry(policies: Bool) throws -> String {
        let reg = try scratchDirectory() + "/r.gpkg"
        for args in [["init", reg, "--crs", "EPSG:4547"], ["import", reg, fixture("xinyu-hitech-disposed.geojson")],
                     ["building", "import", reg, fixture("xinyu-hitech-buildings.geojson")]]
            + (policies ? [["policy", "import", reg, fixture("policies-xinyu.json")]] : []) {
            let r = try run(landbank, args)
            guard r.status == 0 else { throw CLIFailure(args: args, run: r) }
        }
        return reg
    }

    struct CLIFailure: Error, CustomStringConvertible {
        var args: [String]
        var run: Run
        var description: String { "\(args.joined(separator: " ")) exited \(run.status): \(run.stderr)" }
    }

    static func json(_ r: Run) throws -> Any {
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    static var demands: [[String: Any]] {
        get throws { try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture("demands-xinyu.json")))) as! [[String: Any]] }
    }

    /// One demand of the fixture written alone to a file.
    static func demandFile(_ index: Int) throws -> String {
        let path = try scratchDirectory() + "/d\(index).json"
        try JSONSerialization.data(withJSONObject: try demands[index]).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("match --json: one answer object with candidates (parcels, building, area_mu, vacant_floor_m2, distance_km, score, reliability, reasons), excluded and near_misses")
    func shape() throws {
        let reg = try Self.shared.get()
        let a = try #require(try Self.json(try lb("match", reg, try Self.demandFile(0), "--json", "--limit", "3")) as? [String: Any])
        #expect(a["demand"] as? String == "XY-2025-001")
        let candidates = try #require(a["candidates"] as? [[String: Any]])
        #expect(candidates.count == 3)
        for c in candidates {
            #expect(Set(["parcels", "building", "area_mu", "vacant_floor_m2", "distance_km", "score", "reliability", "reasons"]).isSubset(of: c.keys))
            #expect((c["parcels"] as? [String])?.isEmpty == false)
            #expect(c["building"] is NSNull)   // a land demand
            #expect(c["area_mu"] is Double && c["distance_km"] is Double && c["score"] is Double)
            #expect((0...1).contains(c["reliability"] as! Double))
            #expect((c["reasons"] as? [String])?.isEmpty == false)
        }
        let scores = candidates.map { $0["score"] as! Double }
        #expect(scores == scores.sorted(by: >))
        #expect(a["excluded"] is [String: Int])
        let misses = try #require(a["near_misses"] as? [[String: Any]])
        #expect(misses.allSatisfy { $0["text"] is String && $0["kind"] is String })
        // The table says the same first site.
        let table = try lb("match", reg, try Self.demandFile(0), "--limit", "3")
        #expect(table.status == 0 && table.stdout.contains("demand XY-2025-001") && table.stdout.contains((candidates[0]["parcels"] as! [String])[0]))
        // --no-near-misses: the same candidates, without the explanation.
        let bare = try #require(try Self.json(try lb("match", reg, try Self.demandFile(0), "--json", "--limit", "3", "--no-near-misses")) as? [String: Any])
        let bareCandidates = try #require(bare["candidates"] as? [[String: Any]])
        #expect(bareCandidates.map { $0["parcels"] as? [String] } == candidates.map { $0["parcels"] as? [String] })
        #expect(bareCandidates.map { $0["score"] as? Double } == scores)
        #expect((bare["excluded"] as? [String: Int])?.isEmpty == true)
        #expect((bare["near_misses"] as? [Any])?.isEmpty == true)
    }

    @Test("--demands answers every demand of the pipeline, each answer naming its demand; every candidate meets every hard requirement by the registry's own figures")
    func hardRequirements() throws {
        let reg = try Self.shared.get()
        let demands = try Self.demands
        let answers = try #require(try Self.json(try lb("match", reg, "--demands", fixture("demands-xinyu.json"), "--json")) as? [[String: Any]])
        #expect(answers.map { $0["demand"] as! String } == demands.map { $0["id"] as! String })
        let parcels = Dictionary(uniqueKeysWithValues: (try Self.json(try lb("list", reg, "--json")) as! [[String: Any]]).map { ($0["parcel_id"] as! String, $0) })
        let buildings = Dictionary(uniqueKeysWithValues: (try Self.json(try lb("building", "list", reg, "--json")) as! [[String: Any]]).map { ($0["building_id"] as! String, $0) })
        let policies = try #require(try Self.json(try lb("policy", "show", reg, "--json")) as? [String: [String: Any]])
        var checked = 0
        for (d, a) in zip(demands, answers) {
            let id = d["id"] as! String
            let near = d["near"] as! [String: Double]
            let within = "\(near["max_km"]!)", at = "\(near["lon"]!),\(near["lat"]!)"
            let nearParcels = Set((try Self.json(try lb("list", reg, "--near", at, "--within-km", within, "--json")) as! [[String: Any]]).map { $0["parcel_id"] as! String })
            let nearBuildings = Set((try Self.json(try lb("building", "list", reg, "--near", at, "--within-km", within, "--json")) as! [[String: Any]]).map { $0["building_id"] as! String })
            let zones = d["zones"] as? [String]
            for c in a["candidates"] as! [[String: Any]] {
                checked += 1
                let ids = c["parcels"] as! [String]
                let site = ids.map { parcels[$0]! }
                #expect((c["distance_km"] as! Double) <= near["max_km"]! + 1e-9, "\(id) \(ids)")
                if let zones { #expect(site.allSatisfy { zones.contains($0["zone"] as! String) }, "\(id) \(ids)") }
                if let bid = c["building"] as? String {
                    let b = buildings[bid]!
                    #expect(d["wants"] as? String != "land")
                    #expect(nearBuildings.contains(bid), "\(id) \(bid) beyond \(within) km")
                    #expect(["idle", "recovered", "revitalized"].contains(b["status"] as! String), "\(id) \(bid)")
                    let vacant = b["vacant_floor_area_m2"] as! Double
                    #expect(c["vacant_floor_m2"] as? Double == vacant)
                    if let r = d["floor_space_m2"] as? [String: Double] {
                        #expect(vacant >= (r["min"] ?? 0) && vacant <= (r["max"] ?? .infinity), "\(id) \(bid) \(vacant) m²")
                    }
                    for (need, have) in [("clear_height_m", "clear_height_m"), ("floor_load_kn_m2", "floor_load_kn_m2"), ("power_kva", "power_kva"), ("crane_t", "crane_t")] {
                        if let n = d[need] as? Double, let h = b[have] as? Double { #expect(h >= n, "\(id) \(bid) \(need) \(h) < \(n)") }
                    }
                    if let max = d["max_rent_yuan_m2_month"] as? Double, let rent = b["rent_yuan_m2_month"] as? Double { #expect(rent <= max, "\(id) \(bid)") }
                    if let by = d["available_by"] as? String, let from = b["available_from"] as? String { #expect(from <= by, "\(id) \(bid)") }
                    if let industry = d["industry"] as? String, let zone = site[0]["zone"] as? String {
                        let refused = policies[zone].flatMap { $0["refused_industries"] as? [String] } ?? []
                        #expect(!refused.contains(industry), "\(id) \(bid) in \(zone)")
                    }
                } else {
                    #expect(d["wants"] as? String != "floor_space")
                    #expect(site.allSatisfy { ["idle", "recovered", "approved_not_supplied"].contains($0["status"] as! String) }, "\(id) \(ids)")
                    #expect(ids.contains(where: nearParcels.contains), "\(id) \(ids) beyond \(within) km")
                    let mu = site.reduce(0) { $0 + ($1["cadastral_area_mu"] as! Double) }
                    #expect(abs(mu - (c["area_mu"] as! Double)) < 0.0011, "\(id) \(ids)")
                    let r = d["land_mu"] as! [String: Double]
                    #expect(mu >= r["min"]! && mu <= r["max"]!, "\(id) \(ids) \(mu) mu")
                    // The zones' gates (万元/亩) on the site's own area.
                    for zone in Set(site.map { $0["zone"] as! String }) {
                        guard let p = policies[zone] else { continue }
                        let refused = p["refused_industries"] as! [String]
                        if let industry = d["industry"] as? String { #expect(!refused.contains(industry), "\(id) \(zone)") }
                        for (yuan, gate) in [("investment_yuan", "min_investment_intensity_wan_per_mu"), ("annual_tax_yuan", "min_tax_wan_per_mu_year"), ("annual_output_yuan", "min_output_wan_per_mu_year")] {
                            if let y = d[yuan] as? Double, let g = p[gate] as? Double { #expect(y / 10_000 / mu >= g, "\(id) \(ids) \(gate)") }
                        }
                        if let g = p["max_energy_tce_per_wan_output"] as? Double, let e = d["energy_tce_per_year"] as? Double, let out = d["annual_output_yuan"] as? Double {
                            #expect(e / (out / 10_000) <= g, "\(id) \(ids) energy")
                        }
                        if let g = p["min_plot_ratio"] as? Double, let pr = d["plot_ratio"] as? Double { #expect(pr >= g, "\(id) \(ids) plot ratio") }
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    @Test("--geojson writes an RFC 7946 FeatureCollection of the candidates, in lon/lat around Xinyu, rings closed")
    func geojson() throws {
        let reg = try Self.shared.get()
        let out = try scratchDirectory() + "/map.geojson"
        let answers = try #require(try Self.json(try lb("match", reg, "--demands", fixture("demands-xinyu.json"), "--limit", "2", "--json", "--geojson", out)) as? [[String: Any]])
        let map = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(map["type"] as? String == "FeatureCollection" && map["crs"] == nil)
        let features = try #require(map["features"] as? [[String: Any]])
        #expect(features.count == answers.reduce(0) { $0 + ($1["candidates"] as! [Any]).count })
        #expect(features.count > 20)
        for f in features {
            #expect(f["type"] as? String == "Feature")
            let props = f["properties"] as! [String: Any]
            #expect(props["demand"] is String && props["rank"] is Int && props["parcels"] is [String])
            let g = f["geometry"] as! [String: Any]
            #expect(g["type"] as? String == "MultiPolygon")
            for polygon in g["coordinates"] as! [[[[Double]]]] {
                for ring in polygon {
                    #expect(ring.count >= 4 && ring.first! == ring.last!)
                    #expect(ring.allSatisfy { (114...116).contains($0[0]) && (27...29).contains($0[1]) })
                }
            }
        }
        // The registry itself and a directory are refused, a missing folder is not found: one line each.
        #expect(try lb("match", reg, try Self.demandFile(0), "--geojson", reg).status == 65)
        let folder = try scratchDirectory()
        let dir = try lb("match", reg, try Self.demandFile(0), "--geojson", folder)
        #expect(dir.status == 65 && dir.stderr == "landbank: error: \(folder): is a directory; give a file name\n", "\(dir.stderr)")
        let nowhere = try lb("blocks", reg, "--min-mu", "100", "--geojson", folder + "/no/map.geojson")
        #expect(nowhere.status == 66 && nowhere.stderr.split(separator: "\n").count == 1, "\(nowhere.stderr)")
    }

    @Test("a demand file with bad demands: exit 65, one line per bad demand naming the file and the key, nothing answered")
    func badDemands() throws {
        let reg = try Self.shared.get()
        let file = try scratchDirectory() + "/bad.json"
        try """
            [{"id": "OK", "land_mu": {"min": 10, "max": 20}},
             {"id": "A", "land_mu": {"min": 120, "max": 80}},
             {"id": "B", "land_mu": {"min": 10}, "colour": "red"},
             {"id": "C", "industry": "tulips"},
             {"id": "D", "zones": ["月球片区"]},
             {"id": "E", "near": {"lon": 27.8, "lat": 114.9, "max_km": 5}},
             {"id": "F", "near": {"lon": 10, "lat": 50, "max_km": 5}}]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        for args in [["match", reg, file], ["match", reg, "--demands", file, "--json"]] {
            let r = try run(landbank, args)
            #expect(r.status == 65)
            #expect(r.stdout.isEmpty)
            let lines = r.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 6, "\(r.stderr)")
            // In the file's order, whether the reader (A, B, C, E) or the registry's checks (D, F) refuse it.
            for (line, key) in zip(lines, ["demand A: land_mu", "demand B: colour", "demand C: industry", "demand D: zones[0]",
                                           "demand E: near.lat", "demand F: near: lon 10, lat 50 lies outside the area of use"]) {
                #expect(line.hasPrefix("landbank: error: \(file): \(key)"), "\(line)")
            }
        }
        let syntax = try scratchDirectory() + "/syntax.json"
        try "[{\"id\": ".write(toFile: syntax, atomically: true, encoding: .utf8)
        let r = try lb("match", reg, syntax)
        #expect(r.status == 65 && r.stderr.hasPrefix("landbank: error: \(syntax): the file: not valid JSON") && r.stderr.split(separator: "\n").count == 1)
    }

    @Test("blocks --json: each block's area is the sum of its parcels' own cadastral areas; every available parcel in one block at --min-mu 0")
    func blocks() throws {
        let reg = try Self.shared.get()
        let parcels = Dictionary(uniqueKeysWithValues: (try Self.json(try lb("list", reg, "--json")) as! [[String: Any]]).map { ($0["parcel_id"] as! String, $0) })
        let available = Set(parcels.values.filter { ["idle", "recovered", "approved_not_supplied"].contains($0["status"] as! String) }.map { $0["parcel_id"] as! String })
        let out = try #require(try Self.json(try lb("blocks", reg, "--min-mu", "0", "--json")) as? [String: Any])
        let blocks = try #require(out["blocks"] as? [[String: Any]])
        var seen: [String] = []
        for b in blocks {
            let ids = b["parcels"] as! [String]
            let mu = ids.reduce(0) { $0 + (parcels[$1]!["cadastral_area_mu"] as! Double) }
            #expect(abs(mu - (b["area_mu"] as! Double)) < 0.0011, "\(ids)")
            #expect(b["parcel_count"] as? Int == ids.count)
            seen += ids
        }
        #expect(seen.count == Set(seen).count && Set(seen) == available)
        let areas = blocks.map { $0["area_mu"] as! Double }
        #expect(areas == areas.sorted(by: >))
        let big = try #require(try Self.json(try lb("blocks", reg, "--min-mu", "100", "--json")) as? [String: Any])
        #expect((big["blocks"] as! [[String: Any]]).map { $0["parcels"] as! [String] } == blocks.filter { ($0["area_mu"] as! Double) >= 100 }.map { $0["parcels"] as! [String] })
        // A zone: only its parcels.
        let zoned = try #require(try Self.json(try lb("blocks", reg, "--min-mu", "0", "--zone", "马洪片区", "--json")) as? [String: Any])
        #expect((zoned["blocks"] as! [[String: Any]]).allSatisfy { ($0["parcels"] as! [String]).allSatisfy { parcels[$0]!["zone"] as? String == "马洪片区" } })
        let map = try scratchDirectory() + "/blocks.geojson"
        #expect(try lb("blocks", reg, "--min-mu", "100", "--geojson", map).status == 0)
        let fc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: map))) as! [String: Any]
        #expect((fc["features"] as! [Any]).count == (big["blocks"] as! [Any]).count)
    }

    @Test("policy set / show / import round trip; a bad policy is refused with nothing written")
    func policies() throws {
        let reg = try Self.registry(policies: false)
        let dir = try scratchDirectory()
        #expect(try lb("policy", "show", reg).stdout.contains("no zone has a policy"))
        #expect(try lb("policy", "show", reg, "--zone", "马洪片区").status == 66)
        let one = #"{"leading_industries": ["lithium_battery"], "min_investment_intensity_wan_per_mu": 200, "available_statuses": ["idle"]}"#
        try one.write(toFile: dir + "/one.json", atomically: true, encoding: .utf8)
        #expect(try lb("policy", "set", reg, "--zone", "马洪片区", dir + "/one.json").status == 0)
        let shown = try #require(try Self.json(try lb("policy", "show", reg, "--zone", "马洪片区", "--json")) as? [String: [String: Any]])
        let p = try #require(shown["马洪片区"])
        #expect(p["leading_industries"] as? [String] == ["lithium_battery"] && p["refused_industries"] as? [String] == [])
        #expect(p["min_investment_intensity_wan_per_mu"] as? Double == 200 && p["available_statuses"] as? [String] == ["idle"])
        #expect(p["available_floor_statuses"] as? [String] == ["idle", "recovered", "revitalized"])

        // Import the fixture: every zone's policy reads back as written (defaults filled in).
        #expect(try lb("policy", "import", reg, fixture("policies-xinyu.json")).status == 0)
        let given = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture("policies-xinyu.json")))) as! [String: [String: Any]]
        let all = try #require(try Self.json(try lb("policy", "show", reg, "--json")) as? [String: [String: Any]])
        #expect(Set(all.keys) == Set(given.keys))
        for (zone, g) in given {
            for (k, v) in g {
                let back = all[zone]![k]!
                if let n = v as? Double { #expect(back as? Double == n, "\(zone) \(k)") } else { #expect(back as? [String] == v as? [String], "\(zone) \(k)") }
            }
        }
        let before = try lb("policy", "show", reg, "--json").stdout

        // Bad policies: refused (65), one line each, nothing written.
        try #"{"leading_industries": ["steel"], "refused_industries": ["steel"]}"#.write(toFile: dir + "/both.json", atomically: true, encoding: .utf8)
        let both = try lb("policy", "set", reg, "--zone", "马洪片区", dir + "/both.json")
        #expect(both.status == 65)
        #expect(both.stderr == "landbank: error: \(dir)/both.json: policy of zone 马洪片区: refused_industries: steel is also a leading industry\n")
        try #"{"马洪片区": {"min_tax_wan_per_mu_year": 5}, "袁河片区": {"min_tax": 5}, "光明片区": {"available_statuses": ["sold"]}}"#
            .write(toFile: dir + "/many.json", atomically: true, encoding: .utf8)
        let many = try lb("policy", "import", reg, dir + "/many.json")
        #expect(many.status == 65)
        let lines = many.stderr.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.hasPrefix("landbank: error: \(dir)/many.json: policy of zone ") }, "\(many.stderr)")
        try #"{"min_plot_ratio": -1}"#.write(toFile: dir + "/negative.json", atomically: true, encoding: .utf8)
        #expect(try lb("policy", "set", reg, "--zone", "马洪片区", dir + "/negative.json").status == 65)
        try "[1, 2]".write(toFile: dir + "/array.json", atomically: true, encoding: .utf8)
        #expect(try lb("policy", "import", reg, dir + "/array.json").status == 65)
        #expect(try lb("policy", "show", reg, "--json").stdout == before)
    }

    @Test("exit statuses: usage 64, bad input 65, a missing file 66 (said in one line), a missing registry 69")
    func exitStatuses() throws {
        let reg = try Self.shared.get()
        let d = try Self.demandFile(0)
        #expect(try lb("match", reg).status == 64)                                       // no demand
        #expect(try lb("match", reg, d, "--demands", d).status == 64)                    // both
        #expect(try lb("match", reg, d, "--limit=-1").status == 64)
        #expect(try lb("match", reg, d, "--tolerance", "5000").status == 64)
        #expect(try lb("blocks", reg).status == 64)                                      // --min-mu is required
        #expect(try lb("blocks", reg, "--min-mu=-5").status == 64)
        #expect(try lb("match", reg, d).status == 0)
        let missing = try lb("match", reg, "/nonexistent/demand.json")
        #expect(missing.status == 66 && missing.stderr == "landbank: error: /nonexistent/demand.json: no such file\n", "\(missing.status) \(missing.stderr)")
        #expect(try lb("policy", "import", reg, "/nonexistent/p.json").status == 66)
        #expect(try lb("policy", "set", reg, "--zone", "马洪片区", "/nonexistent/p.json").status == 66)
        #expect(try lb("runway", reg, "--pipeline", "/nonexistent/p.json").status == 66)
        #expect(try lb("match", reg, "/tmp").status == 65)                              // a directory
        #expect(try lb("match", "/nonexistent/r.gpkg", d).status == 69)
        #expect(try lb("blocks", "/nonexistent/r.gpkg", "--min-mu", "1").status == 69)
    }

    @Test("runway --json: per size class the need a year from the pipeline, the available mu from list --json, years = available ÷ need")
    func runway() throws {
        let reg = try Self.shared.get()
        let out = try #require(try Self.json(try lb("runway", reg, "--pipeline", fixture("demands-xinyu.json"), "--years", "2",
                                                      "--from", "2025-07-01", "--json")) as? [String: Any])
        #expect(out["from"] as? String == "2025-07-01" && out["pipeline_years"] as? Double == 2)
        func classOf(_ mu: Double) -> Int { mu < 30 ? 0 : mu < 100 ? 1 : mu < 500 ? 2 : 3 }
        var need = [Double](repeating: 0, count: 4), floorNeed = 0.0
        for d in try Self.demands {
            if let r = d["land_mu"] as? [String: Double] {
                let mu = (r["min"]! + r["max"]!) / 2
                need[classOf(mu)] += mu
            } else if let r = d["floor_space_m2"] as? [String: Double] {
                floorNeed += (r["min"]! + r["max"]!) / 2
            }
        }
        let parcels = try Self.json(try lb("list", reg, "--json")) as! [[String: Any]]
        var available = [Double](repeating: 0, count: 4)
        for p in parcels where ["idle", "recovered", "approved_not_supplied"].contains(p["status"] as! String) {
            let mu = p["cadastral_area_mu"] as! Double
            available[classOf(mu)] += mu
        }
        let classes = try #require(out["classes"] as? [[String: Any]])
        #expect(classes.map { $0["class"] as! String } == ["<30", "30-100", "100-500", ">=500"])
        for (i, c) in classes.enumerated() {
            let p = c["parcels"] as! [String: Any]
            #expect(abs((p["need_per_year"] as! Double) - need[i] / 2) < 0.001, "class \(i)")
            #expect(abs((p["available"] as! Double) - available[i]) < 0.001, "class \(i)")
            if need[i] > 0 {
                #expect(abs((p["years"] as! Double) - available[i] / (need[i] / 2)) < 0.001, "class \(i)")
                #expect(p["runs_short"] is String)
            } else {
                #expect(p["years"] is NSNull && p["runs_short"] is NSNull)
            }
        }
        let buildings = try Self.json(try lb("building", "list", reg, "--json")) as! [[String: Any]]
        let vacant = buildings.filter { ["idle", "recovered", "revitalized"].contains($0["status"] as? String ?? "") }
            .compactMap { $0["vacant_floor_area_m2"] as? Double }.filter { $0 > 0 }.reduce(0, +)
        let floor = out["floor_space"] as! [String: Any]
        #expect(abs((floor["available"] as! Double) - vacant) < 0.001 && abs((floor["need_per_year"] as! Double) - floorNeed / 2) < 0.001)
        let table = try lb("runway", reg, "--pipeline", fixture("demands-xinyu.json"), "--from", "2025-07-01")
        #expect(table.status == 0 && table.stdout.hasPrefix("supply runway from 2025-07-01: 24 demands over 1 year"), "\(table.stdout)")
        #expect(try lb("runway", reg, "--pipeline", fixture("demands-xinyu.json"), "--years", "0").status == 64)
        #expect(try lb("runway", reg, "--pipeline", fixture("demands-xinyu.json"), "--zone", "月球片区").status == 66)
        // Without --pipeline the pipeline is the registry's own projects: none here, so nothing is needed.
        let own = try lb("runway", reg, "--from", "2025-07-01")
        #expect(own.status == 0 && own.stdout.hasPrefix("supply runway from 2025-07-01: 0 demands") && own.stdout.contains("pipeline: the registry's projects"))
    }
}

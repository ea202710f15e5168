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
        // Progress goes to a terminal only: through a pipe, a successful import says nothing on stderr.
        #expect(imp.stderr.isEmpty)
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

    @Test("a CSV without --crs: the CRS inferred and said in a GK registry, refused naming --crs in a lon/lat one")
    func csvHint() throws {
        let lonLat = try scratchDirectory() + "/ll.gpkg"
        _ = try lb("init", lonLat, "--crs", "EPSG:4490")
        let r = try lb("import", lonLat, fixture("parcels-wkt.csv"))
        #expect(r.status != 0 && r.stderr.contains("choose one with --crs"))
        #expect(try lb("import", lonLat, fixture("parcels-wkt.csv"), "--crs", "EPSG:4547").status == 0)
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        let inferred = try lb("import", reg, fixture("parcels-wkt.csv"))
        #expect(inferred.status == 0 && inferred.stdout.contains("CRS inferred from the coordinates: EPSG:4547"))
    }
}

@Suite("Lifecycle commands")
struct LifecycleCLITests {
    func loaded() throws -> String {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson"), "--by", "clerk").status == 0)
        #expect(try lb("building", "import", reg, fixture("xinyu-hitech-buildings.geojson"), "--by", "clerk").status == 0)
        #expect(try lb("record", reg, "--csv", fixture("xinyu-hitech-history.csv")).status == 0)
        #expect(try lb("contract", "import", reg, fixture("xinyu-hitech-contracts.csv"), "--by", "clerk").status == 0)
        return reg
    }

    @Test("report --json and --csv carry the seed's figures")
    func report() throws {
        let reg = try loaded()
        let j = try lb("report", reg, "--json")
        let r = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        #expect(r["parcels_disposed"] as? Int == 144)
        #expect((r["land_total"] as? [String: Any])?["total"] as? Double == 3575.105)
        #expect((r["floor_space_total_m2"] as? [String: Any])?["total"] as? Double == 825_854)
        let csv = try lb("report", reg, "--csv").stdout
        #expect(csv.contains("land_mu,total,144,") && csv.contains(",3575.105") && csv.contains("floor_space_m2,total,165,"))
    }

    @Test("record, a refused record, history and correct")
    func recordAndHistory() throws {
        let reg = try loaded()
        let bad = try lb("record", reg, "XYGX-2023-002", "--date", "2025-07-01", "--status", "idle", "--by", "clerk")
        #expect(bad.status != 0 && bad.stderr.contains("recovered cannot become idle"))
        let ok = try lb("record", reg, "XYGX-2023-001", "--date", "2025-07-01", "--status", "assigned", "--basis", "新高管字〔2025〕9号",
                        "--received", "1500000.00", "--by", "clerk")
        #expect(ok.status == 0, "\(ok.stderr)")
        let h = try lb("history", reg, "XYGX-2023-001")
        #expect(h.stdout.contains("registered") && h.stdout.contains("assigned") && h.stdout.contains("+1500000.00"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try lb("history", reg, "XYGX-2023-001", "--json").stdout.utf8)) as? [[String: Any]])
        let id = try #require(json.last?["id"] as? Int)
        let fix = try lb("correct", reg, String(id), "--date", "2025-07-02", "--status", "revitalized", "--note", "entered on the wrong parcel", "--by", "chief")
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(try sqlite(reg, "SELECT status FROM parcels WHERE parcel_id = 'XYGX-2023-001'") == "revitalized")
    }

    @Test("idle-check --json lists the idle land with fees and reasons")
    func idleCheck() throws {
        let reg = try loaded()
        let out = try lb("idle-check", reg, "--as-of", "2025-06-30", "--json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["parcel_id"] as? String }) == ["XYGX-2023-007", "XYGX-2023-016", "XYGX-2023-069"])
        let v = try #require(list.first { $0["parcel_id"] as? String == "XYGX-2023-069" }?["verdict"] as? [String: Any])
        #expect(v["idle_fee"] as? String == "2272315.83" && v["may_recover_without_compensation"] as? Bool == false)
        let text = try lb("idle-check", reg, "--as-of", "2025-06-30").stdout
        #expect(text.contains("Article 14"))
    }

    @Test("building list and show, and floor space in stats")
    func buildings() throws {
        let reg = try loaded()
        let list = try lb("building", "list", reg, "--parcel", "XYGX-2023-011")
        #expect(list.status == 0 && list.stdout.contains("XYGX-2023-011-B1"))
        let show = try lb("building", "show", reg, "XYGX-2023-011-B1", "--json")
        let b = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(b["parcel_id"] as? String == "XYGX-2023-011" && b["floor_area_m2"] is Double)
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(try lb("stats", reg, "--json").stdout.utf8)) as? [String: Any])
        #expect((stats["floor_space"] as? [String: Any])?["floor_area_m2"] as? Double == 825_854)
        // A parcel shows its buildings, its contract and its latest event.
        let parcel = try #require(try JSONSerialization.jsonObject(with: Data(try lb("show", reg, "XYGX-2023-069", "--json").stdout.utf8)) as? [String: Any])
        #expect((parcel["buildings"] as? [String])?.count == 4 && (parcel["contracts"] as? [Any])?.count == 1)
        #expect((parcel["last_event"] as? [String: Any])?["kind"] as? String == "contract")
    }
}

@Test("verify exits 0 on a clean registry and 1 after an edit outside landbank")
func verifyCommand() throws {
    let reg = try scratchDirectory() + "/r.gpkg"
    _ = try lb("init", reg, "--crs", "EPSG:4547")
    _ = try lb("import", reg, fixture("lonlat-sample.geojson"))
    let clean = try lb("verify", reg)
    #expect(clean.status == 0 && !clean.stdout.contains("FAIL"))
    _ = try run("/usr/bin/ogrinfo", [reg, "-q", "-sql", "UPDATE parcels SET geom = (SELECT geom FROM parcels WHERE parcel_id = 'LL-002') WHERE parcel_id = 'LL-001'"])
    let stale = try lb("verify", reg)
    #expect(stale.status == 1 && stale.stdout.contains("FAIL stored areas") && stale.stdout.contains("LL-001"))
}

@Test("--status-date dates the first events of features that give no date of their own")
func statusDate() throws {
    let reg = try scratchDirectory() + "/r.gpkg"
    _ = try lb("init", reg, "--crs", "EPSG:4547")
    #expect(try lb("import", reg, fixture("lonlat-sample.geojson"), "--status-date", "2020-05-01", "--by", "clerk").status == 0)
    #expect(try sqlite(reg, "SELECT DISTINCT event_date || ' ' || recorded_by FROM events") == "2020-05-01 clerk")
    let bad = try lb("import", reg, fixture("lonlat-sample.geojson"), "--status-date", "2020-02-30")
    #expect(bad.status != 0 && bad.stderr.contains("status-date"))
}

import Foundation
import Testing

/// Every writing command killed with SIGKILL part way: the registry passes `PRAGMA integrity_check`, holds the
/// whole change or none of it, and once the next command has run nothing of the killed one lingers beside it.
@Suite("SIGKILL of every writing command", .serialized)
struct WritingKillTests {
    /// 5,000 synthetic parcels, and buildings, events and contracts for them, made once for the suite.
    static let data: Result<KillData, Error> = Result { try KillData() }

    @Test("import") func importParcels() throws {
        let d = try Self.data.get()
        try d.check("import", long: true) { ["import", $0, d.dir + "/more.geojson", "--by", "clerk"] }
    }

    @Test("building import") func importBuildings() throws {
        let d = try Self.data.get()
        try d.check("building import", long: true) { ["building", "import", $0, d.dir + "/buildings.geojson", "--by", "clerk"] }
    }

    @Test("record --csv") func recordCSV() throws {
        let d = try Self.data.get()
        try d.check("record --csv", long: true) { ["record", $0, "--csv", d.dir + "/events.csv", "--by", "clerk"] }
    }

    @Test("contract import") func contractImport() throws {
        let d = try Self.data.get()
        try d.check("contract import", long: true) { ["contract", "import", $0, d.dir + "/contracts.csv", "--by", "clerk"] }
    }

    @Test("export to a file: the file is whole or absent, and no partial is left")
    func export() throws {
        let d = try Self.data.get()
        // The kill lands inside the export's own run time as measured here, so a fast machine still kills it
        // mid-way.
        let started = Date()
        let whole = try lb("export", d.base, "--out", d.dir + "/export-whole.geojson")
        let duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(whole.stderr)")
        // Up to eight tries for three kills: an export that finished before its kill (the first run was slowed
        // by the tests running beside it) makes the next delay half as long.
        var killed = 0, scale = 1.0
        for attempt in 0..<8 where killed < 3 {
            let out = d.dir + "/export-\(attempt).geojson"
            let delay = Double.random(in: 0.05...0.5) * duration * scale
            if try d.killAfter(delay, ["export", d.base, "--out", out]) { killed += 1 } else { scale /= 2 }
            let names = try FileManager.default.contentsOfDirectory(atPath: d.dir)
            #expect(!names.contains { $0.hasPrefix("export-\(attempt).geojson.") }, "delay \(delay): \(names)")
            if FileManager.default.fileExists(atPath: out) {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
                #expect((json?["features"] as? [Any])?.count == KillData.parcels, "delay \(delay)")
            }
        }
        #expect(killed > 0, "no export was still running when killed")
        #expect(try sqlite(d.base, "PRAGMA integrity_check") == "ok")
    }

    @Test("init: no registry or a whole one, and the next init leaves no .creating")
    func initRegistry() throws {
        let d = try Self.data.get()
        for attempt in 0..<3 {
            let reg = d.dir + "/new-\(attempt).gpkg"
            let delay = Double.random(in: 0.0...0.25)
            _ = try d.killAfter(delay, ["init", reg, "--crs", "EPSG:4547"])
            if FileManager.default.fileExists(atPath: reg) {
                #expect(try sqlite(reg, "PRAGMA integrity_check") == "ok")
                #expect(try sqlite(reg, "SELECT value FROM landbank_settings WHERE key = 'crs'") == "EPSG:4547")
            } else {
                #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0, "delay \(delay)")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: d.dir).filter { $0.hasPrefix("new-\(attempt).gpkg") }
            #expect(names == ["new-\(attempt).gpkg"], "delay \(delay): \(names)")
        }
    }

    @Test("record, correct, reshape and contract set, killed at a small random delay")
    func shortCommands() throws {
        let d = try Self.data.get()
        let square = "POLYGON((592000 3076000, 592010 3076000, 592010 3076010, 592000 3076010, 592000 3076000))"
        let commands: [(String, (String) -> [String])] = [
            ("record", { ["record", $0, "SYN-0000001", "--date", "2030-02-01", "--status", "revitalized", "--method", "lease", "--by", "clerk"] }),
            ("correct", { ["correct", $0, "1", "--date", "2030-02-01", "--note", "wrong date", "--by", "chief"] }),
            ("reshape", { ["reshape", $0, "SYN-0000002", "--wkt", square, "--date", "2030-02-01", "--by", "surveyor"] }),
            ("contract set", { ["contract", "set", $0, "SYN-0000003", "--contract-no", "K-1", "--holder", "h", "--price", "1000",
                                "--agreed-start", "2031-01-01", "--by", "clerk"] }),
        ]
        for (name, args) in commands { try d.check(name, long: false, args) }
    }
}

/// The suite's inputs and its checks.
struct KillData {
    static let parcels = 5_000
    let dir: String
    /// A registry holding the synthetic parcels, never written by the kill tests themselves.
    let base: String

    init() throws {
        dir = try scratchDirectory()
        base = dir + "/base.gpkg"
        let input = dir + "/parcels.geojson"
        let gen = try run("/usr/bin/env", ["python3", repository + "/scripts/gen-synthetic.py", String(Self.parcels), input])
        guard gen.status == 0 else { throw CLIError("gen-synthetic: \(gen.stderr)") }
        // More parcels, with other ids, for the killed import.
        let shifted = try run("/usr/bin/env", ["python3", repository + "/scripts/gen-synthetic.py", String(Self.parcels),
                                               dir + "/more.geojson", "--extent-km", "30", "--seed", "2"])
        guard shifted.status == 0 else { throw CLIError("gen-synthetic: \(shifted.stderr)") }
        _ = try run("/usr/bin/env", ["python3", "-c", "import sys; p=sys.argv[1]; s=open(p).read().replace('\"SYN-', '\"MORE-'); open(p,'w').write(s)",
                                     dir + "/more.geojson"])
        let derive = try run("/usr/bin/env", ["python3", "-c", Self.deriveScript, input, dir])
        guard derive.status == 0 else { throw CLIError("derive: \(derive.stderr)") }
        guard try lb("init", base, "--crs", "EPSG:4547").status == 0,
              try lb("import", base, input, "--by", "clerk", "--status-date", "2025-01-01").status == 0 else {
            throw CLIError("cannot build the base registry")
        }
    }

    /// Buildings on every parcel (its own outline), an event for each recovered parcel (at most 1,500), and
    /// contracts for 400 parcels: each file takes the command a few seconds.
    static let deriveScript = """
        import json, sys
        src, out = sys.argv[1], sys.argv[2]
        feats = json.load(open(src))["features"]
        with open(out + "/buildings.geojson", "w") as b:
            b.write('{"type":"FeatureCollection","features":[\\n')
            b.write(",\\n".join(json.dumps({"type": "Feature", "id": f["id"] + "-B", "properties": {"parcel_id": f["id"], "floor_area_m2": 1000}, "geometry": f["geometry"]}) for f in feats))
            b.write("\\n]}\\n")
        with open(out + "/events.csv", "w") as e:
            e.write("parcel_id,date,status,disposal_method,legal_basis,amount_yuan,recorded_by,note\\n")
            rec = [f for f in feats if f["properties"]["status"] == "recovered"][:1500]
            for f in rec:
                e.write("%s,2030-01-01,revitalized,lease,doc 1,1000,clerk,kill test\\n" % f["id"])
        with open(out + "/contracts.csv", "w") as c:
            c.write("parcel_id,contract_no,holder,land_price_yuan,agreed_start,agreed_completion,actual_start,stopped_on,developed_area_m2,total_area_m2,investment_made_yuan,total_investment_yuan,delay_cause,delay_note\\n")
            for f in feats[:400]:
                c.write("%s,C-%s,holder,1000000.00,2031-01-01,2033-01-01,,,0,1000,0.00,100000.00,,\\n" % (f["id"], f["id"]))
        """

    /// Rows of the tables a write may change.
    func counts(_ reg: String) throws -> String {
        try sqlite(reg, """
            SELECT (SELECT count(*) FROM parcels) || ' ' || (SELECT count(*) FROM buildings) || ' ' ||
                   (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM contracts) || ' ' ||
                   (SELECT count(*) FROM rtree_parcels_geom)
            """)
    }

    /// Starts `landbank args`, kills it with SIGKILL after `delay` seconds if it still runs; true if it did.
    func killAfter(_ delay: Double, _ args: [String]) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: landbank)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        let running = p.isRunning
        if running { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return running && p.terminationReason == .uncaughtSignal
    }

    /// Runs the command whole on one copy of the base registry for the "after" counts, then kills it on fresh
    /// copies: each must hold the counts before or after, pass the integrity check, and, once `landbank list`
    /// has run, have nothing beside it but itself.
    func check(_ name: String, long: Bool, _ args: (String) -> [String]) throws {
        let before = try counts(base)
        let whole = dir + "/\(name.replacingOccurrences(of: " ", with: "-"))-whole.gpkg"
        try FileManager.default.copyItem(atPath: base, toPath: whole)
        let started = Date()
        let full = try run(landbank, args(whole))
        // Kills land inside the command's own run time as measured here, so that a faster or slower machine
        // still kills it mid-way.
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(name): \(full.stderr)")
        let after = try counts(whole)
        #expect(after != before, "\(name) changed nothing, so the test would prove nothing")
        var killed = 0
        for attempt in 0..<3 {
            let sub = dir + "/\(name.replacingOccurrences(of: " ", with: "-"))-\(attempt)"
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            let reg = sub + "/r.gpkg"
            try FileManager.default.copyItem(atPath: base, toPath: reg)
            // Early in the measured run: a later run is often faster than the first (a warm page cache).
            let delay = long ? Double.random(in: 0.05...0.5) * duration : Double.random(in: 0.0...0.3)
            if try killAfter(delay, args(reg)) { killed += 1 }
            let next = try lb("list", reg, "--limit", "1")
            #expect(next.status == 0, "\(name), delay \(delay): \(next.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: sub)
            #expect(left == ["r.gpkg"], "\(name), delay \(delay): left \(left)")
            #expect(try sqlite(reg, "PRAGMA integrity_check") == "ok", "\(name), delay \(delay)")
            let now = try counts(reg)
            #expect(now == before || now == after, "\(name), delay \(delay): \(now), not \(before) or \(after)")
        }
        if long { #expect(killed > 0, "\(name): no kill hit a running command") }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

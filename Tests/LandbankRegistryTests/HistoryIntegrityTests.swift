import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Runs SQL on the registry file through the sqlite3 shell, as any other program would (no landbank functions).
@discardableResult
func outsideSQL(_ r: Registry, _ sql: String) throws -> (status: Int32, output: String) {
    try run("/usr/bin/sqlite3", [r.path, sql])
}

/// Runs one SQL statement through GDAL (which registers the ST_ functions the R*Tree triggers call), as QGIS would.
@discardableResult
func gdalSQL(_ r: Registry, _ sql: String) throws -> (status: Int32, output: String) {
    try run("/usr/bin/ogrinfo", [r.path, "-q", "-sql", sql])
}

@Suite("A tamper-evident history")
struct HistoryIntegrityTests {
    @Test("recorded_at is ISO 8601's internet date-time in UTC, as ISO8601DateFormatter writes it")
    func recordedAtFormat() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        #expect(HistoryChain.timestamp(0) == "1970-01-01T00:00:00Z")
        for t in [time_t(951_782_400), 1_764_609_736, 4_102_444_799] + (0 ..< 500).map({ _ in time_t.random(in: 0 ... 4_102_444_799) }) {
            #expect(HistoryChain.timestamp(t) == f.string(from: Date(timeIntervalSince1970: TimeInterval(t))), "\(t)")
        }
    }

    @Test("INSERT OR REPLACE cannot rewrite an event or a kept geometry (REPLACE deletes without the delete trigger)")
    func noReplace() throws {
        let r = try ledger()
        _ = try r.replaceGeometry(of: Subject(.parcel, "XYGX-2023-001"), with: .polygon(try Polygon(rings: [[
            Point(x: 589000, y: 3080000), Point(x: 589100, y: 3080000), Point(x: 589100, y: 3080100),
            Point(x: 589000, y: 3080100), Point(x: 589000, y: 3080000)]])), date: date("2025-01-01"), recordedBy: "surveyor")
        for sql in ["INSERT OR REPLACE INTO events (id, subject, subject_id, event_date, kind, recorded_by, recorded_at, hash) SELECT id, subject, subject_id, event_date, kind, 'mallory', recorded_at, hash FROM events WHERE id = 5",
                    "REPLACE INTO geometry_history SELECT * FROM geometry_history WHERE id = 1"] {
            let (status, out) = try outsideSQL(r, sql)
            #expect(status != 0 && out.contains("append-only"), "\(out)")
        }
        #expect(try r.history(of: Subject(.parcel, "XYGX-2023-005"))[0].recordedBy == "clerk")
        #expect(try r.verify().ok)
    }

    @Test("with the triggers dropped, an edit of amount_fen or recorded_by breaks the chain at that event, and verify says so")
    func chainBroken() throws {
        for (column, value) in [("amount_fen", "1"), ("recorded_by", "'mallory'")] {
            let r = try fullFixture()
            let (status, out) = try outsideSQL(r, "DROP TRIGGER events_no_update; UPDATE events SET \(column) = \(value) WHERE id = 150")
            #expect(status == 0, "\(out)")
            let report = try r.verify()
            let chain = try #require(report.checks.first { $0.name == "history hash chain intact" })
            #expect(chain.problems.count == 1 && chain.problems[0].hasPrefix("event #150 "), "\(chain.problems)")
            let triggers = try #require(report.checks.first { $0.name == "history protected by its triggers" })
            #expect(triggers.problems == ["trigger events_no_update is missing (dropped outside landbank?)"])
        }
    }

    @Test("a row inserted into the history by another program needs a hash, and a made-up one fails the chain")
    func forgedInsert() throws {
        let r = try ledger()
        let insert = "INSERT INTO events (subject, subject_id, event_date, kind, status, recorded_by, recorded_at%@) VALUES ('parcel', 'XYGX-2023-001', '2025-01-01', 'status', 'idle', 'mallory', '2025-01-01T00:00:00Z'%@)"
        let (status, out) = try outsideSQL(r, String(format: insert, "", ""))
        #expect(status != 0 && out.contains("written by landbank"), "\(out)")
        #expect(try outsideSQL(r, String(format: insert, ", hash", ", '\(String(repeating: "a", count: 64))'")).status == 0)
        let chain = try #require(try r.verify().checks.first { $0.name == "history hash chain intact" })
        #expect(chain.problems.first?.hasPrefix("event #145 ") == true, "\(chain.problems)")
    }

    @Test("correcting an early event of a parcel puts the correction at that event's place; the later events still decide")
    func correctionAtItsPlace() throws {
        let r = try fullFixture()
        // XYGX-2023-053 was registered, then recovered on 2023-02-16 (the history fixture).
        let s = Subject(.parcel, "XYGX-2023-053")
        let first = try #require(try r.history(of: s).first)
        #expect(try r.parcel(id: s.id)?.parcel.status == .recovered)
        _ = try r.correct(eventID: first.id, date: date("2025-07-01"), status: .idle, recordedBy: "chief", note: "was idle, not inefficient")
        #expect(try r.parcel(id: s.id)?.parcel.status == .recovered)
        #expect(try r.verify().ok)
        // The recovery itself cannot be corrected to a status its predecessor cannot become... idle → approved is refused.
        let recovery = try #require(try r.history(of: s).first { $0.status == .recovered })
        #expect {
            try r.correct(eventID: recovery.id, date: date("2025-07-01"), status: .approvedNotSupplied, recordedBy: "chief", note: "x")
        } throws: { "\($0)".contains("idle cannot become approved_not_supplied") }
    }

    @Test("a contract event cannot be corrected into a status change, and a correction is not corrected in turn")
    func correctionScope() throws {
        let r = try fullFixture()
        let s = Subject(.parcel, "XYGX-2023-069")
        let contract = try #require(try r.history(of: s).first { $0.kind == .contract })
        let before = try r.parcel(id: s.id)?.parcel.status
        #expect {
            try r.correct(eventID: contract.id, date: date("2025-07-01"), status: .idle, recordedBy: "chief", note: "x")
        } throws: { "\($0)".contains("states no status") }
        let note = try r.correct(eventID: contract.id, date: date("2025-07-01"), status: nil, recordedBy: "chief", note: "price typo")
        #expect(try r.parcel(id: s.id)?.parcel.status == before)
        #expect {
            try r.correct(eventID: note.id, date: date("2025-07-02"), status: nil, recordedBy: "chief", note: "y")
        } throws: { "\($0)".contains("correct #\(contract.id) again") }
    }
}

@Suite("History CSVs keep text whole")
struct HistoryCSVTextTests {
    @Test("a NUL in an events or contracts CSV cell is refused naming the row and column, and nothing is recorded")
    func nulRefused() throws {
        let r = try ledger()
        let dir = try scratchDirectory()
        let events = dir + "/events.csv"
        try "parcel_id,date,status,recorded_by,note\nXYGX-2023-001,2025-07-01,assigned,clerk,first\u{0}second\n".write(toFile: events, atomically: true, encoding: .utf8)
        #expect { try r.importEvents(csv: events) } throws: {
            "\($0)".contains("row 1") && "\($0)".contains("\"note\" holds a NUL") && !"\($0)".contains("\u{0}")
        }
        let contracts = dir + "/contracts.csv"
        try "parcel_id,contract_no,holder,land_price_yuan,agreed_start\nXYGX-2023-001,C-1,新余\u{0}公司,100,2024-01-01\n".write(toFile: contracts, atomically: true, encoding: .utf8)
        #expect { try r.importContracts(csv: contracts, recordedBy: "clerk") } throws: { "\($0)".contains("\"holder\" holds a NUL") }
        #expect(try r.history(of: Subject(.parcel, "XYGX-2023-001")).count == 1)
        #expect(try r.contracts().isEmpty)
    }
}

@Suite("Edits made outside landbank are captured in the file")
struct OutsideEditTests {
    @Test("a geometry changed through GDAL keeps the old one in the history, marks the areas stale, and the next write measures it")
    func captured() throws {
        let r = try ledger()
        let (status, out) = try gdalSQL(r,
            "UPDATE parcels SET geom = (SELECT geom FROM parcels WHERE parcel_id = 'XYGX-2023-002') WHERE parcel_id = 'XYGX-2023-001'")
        #expect(status == 0, "\(out)")
        #expect(try r.staleSubjects() == [Subject(.parcel, "XYGX-2023-001")])
        #expect(try r.parcel(id: "XYGX-2023-001")?.parcel.areasStale == true)
        #expect(try r.parcel(id: "XYGX-2023-002")?.parcel.areasStale == false)
        let edit = try #require(try r.history(of: Subject(.parcel, "XYGX-2023-001")).last)
        #expect(edit.kind == .outsideEdit && edit.recordedBy == "outside landbank")
        let kept = try r.db.read { try Data.fetchOne($0, sql: "SELECT previous_geom FROM geometry_history WHERE event_id = ?", arguments: [edit.id]) }
        let old = try r.db.read { try Data.fetchOne($0, sql: "SELECT geom FROM parcels WHERE parcel_id = 'XYGX-2023-003'") }
        #expect(kept != nil && kept != old)
        #expect(!(try r.verify().ok))

        let reopened = try Registry.open(at: r.path)
        let done = try #require(reopened.outsideEdits)
        #expect(done.measured == ["parcel XYGX-2023-001: cadastral area 6134.92 → 11242.07 m²"])
        #expect(try reopened.staleSubjects().isEmpty)
        let after = try reopened.verify()
        #expect(after.ok, "\(after.checks.filter { !$0.ok })")
        let p = try #require(try reopened.parcel(id: "XYGX-2023-001")).parcel
        #expect(abs(p.cadastralAreaM2! - 11242.0722) < 0.001 && !p.areasStale)
    }

    @Test("a parcel deleted outside landbank leaves its deletion and last geometry in the history; without the trigger verify names the orphaned history")
    func deleted() throws {
        let r = try ledger()
        #expect(try outsideSQL(r, "DELETE FROM parcels WHERE parcel_id = 'XYGX-2023-010'").status == 0)
        let h = try r.history(of: Subject(.parcel, "XYGX-2023-010"))
        #expect(h.last?.kind == .outsideEdit && h.last?.note?.contains("deleted") == true)
        _ = try Registry.open(at: r.path)  // seals the captured rows
        #expect(try r.verify().ok)

        #expect(try outsideSQL(r, "DROP TRIGGER parcels_outside_delete; DELETE FROM parcels WHERE parcel_id = 'XYGX-2023-011'").status == 0)
        let orphans = try #require(try r.verify().checks.first { $0.name == "every history belongs to a feature" })
        #expect(orphans.problems == ["parcel XYGX-2023-011 has a history but is not in the registry, and no deletion was recorded"])
    }

    @Test("a LineString, a Polygon and a SpatiaLite blob written by other tools are named by parcel, never a crash")
    func foreignGeometries() throws {
        let r = try ledger()
        // A GeoPackage blob (GP, version 0, little endian, no envelope, srs 4547) holding a WKB LineString.
        var bytes: [UInt8] = [0x47, 0x50, 0, 1] + withUnsafeBytes(of: Int32(4547).littleEndian, Array.init) + [1]
        bytes += withUnsafeBytes(of: UInt32(2).littleEndian, Array.init) + withUnsafeBytes(of: UInt32(2).littleEndian, Array.init)
        for v in [589000.0, 3080000, 589100, 3080000] { bytes += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
        let line = bytes.map { String(format: "%02X", $0) }.joined()
        let polygon = try r.db.read { db -> String in
            let blob = try Data.fetchOne(db, sql: "SELECT geom FROM parcels WHERE parcel_id = 'XYGX-2023-003'")!
            let g = try blob.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry! }
            let single = Geometry.polygon(g.asMultiPolygon.polygons[0])
            return GeoPackageBinary.encode(single, srsID: 4547, envelope: g.boundingBox).map { String(format: "%02X", $0) }.joined()
        }
        for sql in ["UPDATE parcels SET geom = X'\(line)' WHERE parcel_id = 'XYGX-2023-001'",
                    "UPDATE parcels SET geom = X'\(polygon)' WHERE parcel_id = 'XYGX-2023-003'",
                    "UPDATE parcels SET geom = X'0001C3110000000000000000' WHERE parcel_id = 'XYGX-2023-005'"] {
            let (status, out) = try gdalSQL(r, sql)
            #expect(status == 0 && !out.contains("ERROR"), "\(out)")
        }
        let report = try Registry.verify(at: r.path)
        let stored = try #require(report.checks.first { $0.name.hasPrefix("geometries readable") })
        #expect(stored.problems.contains { $0.hasPrefix("parcel XYGX-2023-001: ") && $0.contains("LineString") }, "\(stored.problems)")
        #expect(stored.problems.contains { $0.hasPrefix("parcel XYGX-2023-003: a Polygon stored") })
        #expect(stored.problems.contains { $0.hasPrefix("parcel XYGX-2023-005: ") && $0.contains("SpatiaLite") })
        let done = try #require(try Registry.open(at: r.path).outsideEdits)
        #expect(done.measured.count == 1 && done.measured[0].hasPrefix("parcel XYGX-2023-003"))
        #expect(done.unmeasurable.count == 2)
        // The Polygon was measured and stored again as a MultiPolygon.
        #expect(try Registry.verify(at: r.path).checks.first { $0.name.hasPrefix("geometries readable") }?.problems.count == 2)
    }

    @Test("a mu figure edited in the file is caught by verify, and the report still adds up from m²")
    func storedMu() throws {
        let r = try fullFixture()
        #expect(try gdalSQL(r, "UPDATE parcels SET cadastral_area_mu = 999 WHERE parcel_id = 'XYGX-2023-002'").status == 0)
        let areas = try #require(try r.verify().checks.first { $0.name.hasPrefix("stored areas and mu") })
        #expect(areas.problems.count == 1 && areas.problems[0].hasPrefix("parcel XYGX-2023-002: stored cadastral mu 999"))
        #expect(try r.report(ReportOptions(to: date("2025-06-30"))).rounded().landTotal.total == 3575.105)
        _ = try r.repair()
        #expect(try r.verify().ok)
    }

    @Test("stored rings are normalised: exterior counter-clockwise, holes clockwise, whatever the input's winding")
    func normalisedRings() throws {
        let r = try ledger()
        let blobs = try r.db.read { try Data.fetchAll($0, sql: "SELECT geom FROM parcels") }
        var holes = 0
        for b in blobs {
            let g = try b.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry! }.asMultiPolygon
            for p in g.polygons {
                #expect(p.exterior.doubleSignedArea > 0)
                for h in p.holes { #expect(h.doubleSignedArea < 0); holes += 1 }
            }
        }
        #expect(holes >= 10)
    }
}

@Suite("Upgrading a registry made by an earlier landbank")
struct UpgradeTests {
    @Test("migration 4 hashes the old history, stores rings normalised and records no change of shape")
    func fromVersion3() throws {
        let path = try scratchDirectory() + "/old.gpkg"
        try Registry.createFile(at: path, crs: "EPSG:4547", upTo: "v3-buildings-history-contracts")
        // What the landbank of migration 3 wrote: a clockwise exterior with a counter-clockwise hole, as given.
        let cw = try Polygon(rings: [
            [Point(x: 589000, y: 3080000), Point(x: 589000, y: 3080100), Point(x: 589100, y: 3080100), Point(x: 589100, y: 3080000), Point(x: 589000, y: 3080000)],
            [Point(x: 589010, y: 3080010), Point(x: 589020, y: 3080010), Point(x: 589020, y: 3080020), Point(x: 589010, y: 3080020), Point(x: 589010, y: 3080010)],
        ])
        let g = Geometry.multiPolygon(try MultiPolygon([cw]))
        let blob = Data(GeoPackageBinary.encode(g, srsID: 4547, envelope: g.boundingBox))
        let queue = try DatabaseQueue(path: path, configuration: Registry.configuration())
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO parcels (geom, parcel_id, status, cadastral_area_m2, cadastral_area_mu, ellipsoidal_area_m2,
                  ellipsoidal_area_mu, imported_at) VALUES (?, 'OLD-1', 'idle', 9900, 14.85, 9898, 14.847, '2025-01-01T00:00:00Z');
                INSERT INTO events (subject, subject_id, event_date, kind, status, recorded_by, note, recorded_at)
                  VALUES ('parcel', 'OLD-1', '2025-01-01', 'registered', 'idle', 'clerk', 'registered on import', '2025-01-01T00:00:00Z');
                """, arguments: [blob])
        }
        try queue.close()

        let r = try Registry.open(at: path)
        let stored = try r.db.read { try Data.fetchOne($0, sql: "SELECT geom FROM parcels")! }
        let p = try stored.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry! }.asMultiPolygon.polygons[0]
        #expect(p.exterior.doubleSignedArea > 0 && p.holes[0].doubleSignedArea < 0)
        #expect(PlanarArea.area(of: p) == PlanarArea.area(of: cw))
        let h = try r.history(of: Subject(.parcel, "OLD-1"))
        #expect(h.count == 1 && h[0].kind == .registered)
        #expect(try r.db.read { try String.fetchOne($0, sql: "SELECT hash FROM events WHERE id = 1") }?.count == 64)
        // The old figures were the file's own (not re-measured by the migration); verify judges them.
        let report = try r.verify()
        #expect(report.checks.first { $0.name == "history hash chain intact" }?.ok == true)
        #expect(report.checks.first { $0.name.hasPrefix("geometries readable") }?.ok == true)
    }
}

import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// A registry holding the ledger, its first events dated by `disposed_on`.
func ledger() throws -> Registry {
    let r = try newRegistry()
    _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"), ImportOptions(recordedBy: "clerk"))
    return r
}

func date(_ s: String) -> CivilDate { CivilDate(s)! }

/// One parcel with no status yet, so tests can walk it through the lifecycle from the start.
func blankParcel(_ r: Registry, id: String = "T-1") throws {
    let path = try scratchDirectory() + "/t.geojson"
    try """
    {"type":"FeatureCollection","features":[{"type":"Feature","id":"\(id)","properties":{"zone":"测试"},"geometry":{"type":"Polygon","coordinates":[[[114.95,27.80],[114.951,27.80],[114.951,27.801],[114.95,27.801],[114.95,27.80]]]}}]}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try r.importFile(path)
}

@Suite("The lifecycle as history that is never lost")
struct LifecycleTests {
    @Test("import writes each parcel's first event, dated by disposed_on, and the status is derived from it")
    func registered() throws {
        let r = try ledger()
        let h = try r.history(of: Subject(.parcel, "XYGX-2023-001"))
        #expect(h.count == 1 && h[0].kind == .registered && h[0].recordedBy == "clerk")
        let p = try #require(try r.parcel(id: "XYGX-2023-001")).parcel
        #expect(h[0].status == p.status && p.properties.contains("\"disposed_on\":\"\(h[0].date)\""))
    }

    @Test("idle → under recovery → recovered → assigned, each an event; the parcel's status follows")
    func walk() throws {
        let r = try newRegistry()
        try blankParcel(r)
        let s = Subject(.parcel, "T-1")
        try r.record(NewEvent(subject: s, date: date("2023-01-10"), status: .idle, recordedBy: "clerk"))
        try r.record(NewEvent(subject: s, date: date("2023-06-01"), status: .underRecovery, legalBasis: "新高管字〔2023〕12号", recordedBy: "clerk"))
        try r.record(NewEvent(subject: s, date: date("2023-09-01"), status: .recovered, disposalMethod: .acquisition,
                              amount: Money(yuan: "-1234567.89"), recordedBy: "clerk"))
        try r.record(NewEvent(subject: s, date: date("2024-02-01"), status: .assigned, recordedBy: "clerk"))
        let h = try r.history(of: s)
        #expect(h.map(\.status) == [.idle, .underRecovery, .recovered, .assigned])
        #expect(h[2].amount == Money(yuan: "-1234567.89"))
        let p = try #require(try r.parcel(id: "T-1")).parcel
        #expect(p.status == .assigned && p.disposalMethod == .acquisition)
    }

    @Test("a change the lifecycle does not allow is refused with the allowed ones, and nothing is written")
    func invalidTransition() throws {
        let r = try newRegistry()
        try blankParcel(r)
        let s = Subject(.parcel, "T-1")
        try r.record(NewEvent(subject: s, date: date("2023-01-10"), status: .approvedNotSupplied, recordedBy: "clerk"))
        #expect {
            try r.record(NewEvent(subject: s, date: date("2023-02-01"), status: .recovered, recordedBy: "clerk"))
        } throws: { ($0 as? LifecycleError)?.reason.contains("allowed next: assigned") == true }
        #expect(try r.history(of: s).count == 1)
    }

    @Test("an event dated before the previous one is refused")
    func dateOrder() throws {
        let r = try ledger()
        let s = Subject(.parcel, "XYGX-2023-001")
        let first = try #require(try r.history(of: s).first)
        #expect(first.status == .revitalized)
        #expect {
            try r.record(NewEvent(subject: s, date: first.date.adding(days: -1), status: .assigned, recordedBy: "clerk"))
        } throws: { ($0 as? LifecycleError)?.reason.contains("before the previous event of \(first.date)") == true }
        try r.record(NewEvent(subject: s, date: first.date, status: .assigned, recordedBy: "clerk"))
    }

    @Test("land under a supply contract in force cannot be assigned; recovery ends the contract")
    func contractBlocksAssignment() throws {
        let r = try newRegistry()
        try blankParcel(r)
        let s = Subject(.parcel, "T-1")
        try r.record(NewEvent(subject: s, date: date("2020-01-01"), status: .idle, recordedBy: "clerk"))
        try r.setContract(parcelID: "T-1", SupplyContract(contractNumber: "C-1", holder: "某公司", landPrice: Money(yuan: "1000000")!,
                                                          agreedStart: date("2020-03-01")), recordedBy: "clerk", date: date("2020-01-02"))
        try r.record(NewEvent(subject: s, date: date("2022-01-01"), status: .underRecovery, recordedBy: "clerk"))
        #expect {
            try r.record(NewEvent(subject: s, date: date("2022-02-01"), status: .revitalized, recordedBy: "clerk"))
            try r.record(NewEvent(subject: s, date: date("2022-03-01"), status: .assigned, recordedBy: "clerk"))
        } throws: { ($0 as? LifecycleError)?.reason.contains("supply contract C-1 is in force") == true }
        try r.record(NewEvent(subject: s, date: date("2022-04-01"), status: .underRecovery, recordedBy: "clerk"))
        try r.record(NewEvent(subject: s, date: date("2022-05-01"), status: .recovered, disposalMethod: .landRecovery, recordedBy: "clerk"))
        #expect(try r.contracts(parcelID: "T-1").first?.terminatedOn == date("2022-05-01"))
        try r.record(NewEvent(subject: s, date: date("2022-06-01"), status: .assigned, recordedBy: "clerk"))
        #expect(try #require(try r.parcel(id: "T-1")).parcel.status == .assigned)
    }

    @Test("a mistake is corrected by a new event that says so; the mistaken one stays")
    func correction() throws {
        let r = try newRegistry()
        try blankParcel(r)
        let s = Subject(.parcel, "T-1")
        let wrong = try r.record(NewEvent(subject: s, date: date("2023-01-10"), status: .inefficient, recordedBy: "clerk"))
        #expect(throws: LifecycleError.self) {
            try r.correct(eventID: wrong.id, date: date("2023-01-11"), status: .idle, recordedBy: "clerk", note: "")
        }
        let fix = try r.correct(eventID: wrong.id, date: date("2023-01-11"), status: .idle, recordedBy: "chief",
                                note: "surveyed: no construction at all, idle not inefficient")
        let h = try r.history(of: s)
        #expect(h.count == 2 && h[0].status == .inefficient && h[1].corrects == wrong.id && h[1].kind == .correction)
        #expect(try #require(try r.parcel(id: "T-1")).parcel.status == .idle && fix.recordedBy == "chief")
    }

    @Test("history cannot be updated or deleted, not even by raw SQL: a trigger stops it")
    func immutable() throws {
        let r = try ledger()
        for sql in ["UPDATE events SET status = 'idle'", "DELETE FROM events", "DELETE FROM events WHERE id = 1"] {
            #expect {
                try r.db.write { try $0.execute(sql: sql) }
            } throws: { "\($0)".contains("append-only") }
        }
        #expect(try r.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") } == 144)
    }

    @Test("a new geometry keeps the previous one and its areas, and the spatial index follows")
    func reshape() throws {
        let r = try ledger()
        let s = Subject(.parcel, "XYGX-2023-001")
        let before = try #require(try r.parcel(id: s.id))
        let e = before.geometry.boundingBox
        // A 100 m × 50 m rectangle in the south-west corner of the old envelope: 5000 m² exactly.
        let wkt = "POLYGON ((\(e.minX) \(e.minY), \(e.minX + 100) \(e.minY), \(e.minX + 100) \(e.minY + 50), \(e.minX) \(e.minY + 50), \(e.minX) \(e.minY)))"
        try r.replaceGeometry(of: s, with: try WKT.parse(wkt).geometry, date: date("2025-01-01"), recordedBy: "surveyor", note: "remeasured")
        let after = try #require(try r.parcel(id: s.id)).parcel
        #expect(abs(after.cadastralAreaM2! - 5000) < 1e-6)
        try r.db.read { db in
            let old = try Row.fetchOne(db, sql: "SELECT previous_cadastral_area_m2, previous_geom FROM geometry_history WHERE subject_id = ?", arguments: [s.id])!
            #expect(old[0] as Double == before.parcel.cadastralAreaM2!)
            let g = try (old[1] as Data).withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
            #expect(g?.asMultiPolygon == before.geometry)
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_parcels_geom')") == "ok")
            let box = try Row.fetchOne(db, sql: "SELECT minx, maxx FROM rtree_parcels_geom WHERE id = (SELECT fid FROM parcels WHERE parcel_id = ?)", arguments: [s.id])!
            #expect(abs((box[1] as Double) - (box[0] as Double) - 100) < 0.1)
        }
        let edit = try #require(try r.history(of: s).last)
        #expect(edit.kind == .geometry && edit.note == String(format: "remeasured; cadastral area %.2f → 5000.00 m²", before.parcel.cadastralAreaM2!))
        #expect { try r.db.write { try $0.execute(sql: "DELETE FROM geometry_history") } } throws: { "\($0)".contains("append-only") }
        #expect { try r.db.write { try $0.execute(sql: "UPDATE geometry_history SET previous_ellipsoidal_area_m2 = 0") } }
            throws: { "\($0)".contains("append-only") }
    }

    @Test("every parcel's status is what its history derives, after the ledger and the later events")
    func derived() throws {
        let r = try ledger()
        try r.importEvents(csv: fixture("xinyu-hitech-history.csv"))
        for p in try r.parcels() {
            #expect(Registry.derivedStatus(try r.history(of: Subject(.parcel, p.parcelID))) == p.status)
        }
    }

    @Test("a CSV of events with one refused change records none of them")
    func csvAllOrNothing() throws {
        let r = try ledger()
        let path = try scratchDirectory() + "/events.csv"
        try """
        parcel_id,date,status,recorded_by
        XYGX-2023-001,2025-01-01,assigned,clerk
        XYGX-2023-002,2020-01-01,assigned,clerk
        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try r.importEvents(csv: path) } throws: { e in
            let d = "\(e)"
            return d.contains("row 2") && d.contains("XYGX-2023-002") && d.contains("before the previous event")
        }
        #expect(try r.history(of: Subject(.parcel, "XYGX-2023-001")).count == 1)
    }

    @Test("money is kept to the fen: amounts recorded add up exactly")
    func money() throws {
        let r = try newRegistry()
        try blankParcel(r)
        let s = Subject(.parcel, "T-1")
        try r.record(NewEvent(subject: s, date: date("2023-01-01"), status: .idle, amount: Money(yuan: "0.10"), recordedBy: "c"))
        try r.record(NewEvent(subject: s, date: date("2023-02-01"), status: .underRecovery, amount: Money(yuan: "0.20"), recordedBy: "c"))
        let total = try r.history(of: s).compactMap(\.amount).reduce(Money(fen: 0), +)
        #expect(total == Money(yuan: "0.30") && total.description == "0.30")
    }
}

import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// The inefficient-land mark and list (低效用地).
@Suite("Inefficient land")
struct InefficientTests {
    func layout() throws -> Registry {
        let r = try EfficiencyLayout.registry([("P1", 588000, 3072000, 100, 100), ("P2", 588200, 3072000, 100, 100),
                                               ("P3", 588400, 3072000, 100, 100), ("P4", 588600, 3072000, 100, 100)])
        let b = try EfficiencyLayout.write("""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
            {"type":"Feature","id":"B3","properties":{"parcel_id":"P3","floor_area_m2":1000},"geometry":{"type":"Polygon","coordinates":[[[588410,3072010],[588440,3072010],[588440,3072040],[588410,3072040],[588410,3072010]]]}},
            {"type":"Feature","id":"B4","properties":{"parcel_id":"P4","floor_area_m2":12000},"geometry":{"type":"Polygon","coordinates":[[[588610,3072010],[588690,3072010],[588690,3072090],[588610,3072090],[588610,3072010]]]}}]}
            """, name: "b.geojson")
        _ = try r.importBuildings(from: try FeatureSources.open(b))
        try r.setContract(parcelID: "P2", SupplyContract(contractNumber: "C2", holder: "乙", landPrice: Money(fen: 1_000_000_00),
                                                         agreedStart: CivilDate("2020-01-01")!), recordedBy: "t", date: CivilDate("2019-06-01")!)
        try r.setContract(parcelID: "P4", SupplyContract(contractNumber: "C4", holder: "丁", landPrice: Money(fen: 1_000_000_00),
                                                         agreedStart: CivilDate("2020-01-01")!, actualStart: CivilDate("2020-02-01")!),
                          recordedBy: "t", date: CivilDate("2019-06-01")!)
        let csv = try EfficiencyLayout.write("enterprise_id,parcel_id,tax_yuan\nE3,P3,10000\n", name: "e.csv")
        try r.importEnterpriseFigures(path: csv, year: 2024, recordedBy: "t")
        return r
    }

    @Test("a confirmed mark keeps its basis in the history, changes no status and blocks no transition; it is lifted once")
    func mark() throws {
        let r = try layout()
        #expect { try r.markInefficient(parcelID: "P1", date: CivilDate("2025-01-10")!, basis: " ", recordedBy: "王") }
            throws: { "\($0)".contains("say on what basis") }
        let e = try r.markInefficient(parcelID: "P1", date: CivilDate("2025-01-10")!, basis: "grade D 2024, policy test", recordedBy: "王")
        #expect(e.kind == .inefficient && e.legalBasis == "grade D 2024, policy test")
        #expect(try r.parcel(id: "P1")?.parcel.status == .assigned)
        #expect { try r.markInefficient(parcelID: "P1", date: CivilDate("2025-02-01")!, basis: "again", recordedBy: "王") }
            throws: { "\($0)".contains("already marked inefficient since 2025-01-10") }
        // The lifecycle goes on as before: assigned → idle is still allowed.
        // (The import registered the parcels today, so the later events come after today.)
        let today = CivilDate.today()
        try r.record(NewEvent(subject: Subject(.parcel, "P1"), date: today.adding(days: 1), status: .idle, recordedBy: "王"))
        #expect(try r.parcel(id: "P1")?.parcel.status == .idle)
        #expect(try r.inefficientList(asOf: today.adding(days: 1), minPlotRatio: nil).map(\.parcelID).contains("P1"))
        try r.liftInefficient(parcelID: "P1", date: today.adding(days: 2), basis: "grade B 2025", recordedBy: "王")
        #expect { try r.liftInefficient(parcelID: "P1", date: today.adding(days: 3), basis: "x", recordedBy: "王") }
            throws: { "\($0)".contains("is not marked inefficient") }
        #expect(!(try r.inefficientList(asOf: today.adding(days: 2), minPlotRatio: nil).map(\.parcelID).contains("P1")))
        // Drawn at a date before the lifting, the parcel was on the list.
        #expect(try r.inefficientList(asOf: today.adding(days: 1), minPlotRatio: nil).map(\.parcelID).contains("P1"))
        #expect(try r.verify().checks.allSatisfy(\.ok))
    }

    @Test("with an expected version, a mark on a parcel that moved on is a version conflict and writes nothing")
    func markAtVersion() throws {
        let r = try layout()
        let s = Subject(.parcel, "P1")
        let v = try #require(try r.version(of: s))
        try r.record(NewEvent(subject: s, date: CivilDate.today().adding(days: 1), status: .idle, recordedBy: "王"))
        #expect(throws: VersionConflict.self) {
            try r.markInefficient(parcelID: "P1", date: CivilDate.today().adding(days: 2), basis: "grade D 2024", recordedBy: "王",
                                  expectedVersion: v)
        }
        #expect(try r.history(of: s).allSatisfy { $0.kind != .inefficient })
        let now = try #require(try r.version(of: s))
        let e = try r.markInefficient(parcelID: "P1", date: CivilDate.today().adding(days: 2), basis: "grade D 2024", recordedBy: "王",
                                      expectedVersion: now)
        #expect(e.kind == .inefficient)
    }

    @Test("the list: confirmed, idle, low plot ratio on land in use, with the plan; land used enough is not on it")
    func list() throws {
        let r = try layout()
        try r.markInefficient(parcelID: "P1", date: CivilDate("2024-03-01")!, basis: "grade D 2023, policy test", recordedBy: "王")
        try r.planInefficient(parcelID: "P1", method: .acquisition, plannedFor: CivilDate("2025-12-31")!, recordedBy: "王")
        try r.planInefficient(parcelID: "P1", method: .capitalIncrease, plannedFor: CivilDate("2026-06-30")!, recordedBy: "王")
        let list = try r.inefficientList(asOf: CivilDate("2024-06-30")!, minPlotRatio: 0.8)
        #expect(list.map(\.parcelID) == ["P1", "P2", "P3"])
        #expect(list[0].reasons == [.confirmed] && list[0].why[0] == "confirmed 2024-03-01 by 王: grade D 2023, policy test")
        #expect(list[0].plan?.method == .capitalIncrease && list[0].plan?.plannedFor == CivilDate("2026-06-30"))
        #expect(list[1].reasons == [.idle] && list[1].why[0].hasPrefix("idle since 2021-01-02"))
        // P3: 1000 m² of floor on 10000 m² = 0.10; P4: 12000 on 10000 = 1.20 (not listed).
        #expect(list[2].reasons == [.lowPlotRatio] && abs(list[2].plotRatio - 0.1) < 1e-9 && abs(list[2].cadastralMu - 15) < 1e-9)
        #expect(list[2].why[0] == "plot ratio 0.10 below 0.80 (1000 m² of floor on 10000 m²)")
    }

    @Test("migration 12 widens the history's kinds on an older registry: the chain, the triggers and the ids stay")
    func fromOlderRegistry() throws {
        let path = try scratchDirectory() + "/old.gpkg"
        try Registry.createFile(at: path, crs: "EPSG:4547", upTo: "v3-buildings-history-contracts")
        let g = Geometry.polygon(try Polygon(rings: [[Point(x: 589000, y: 3080000), Point(x: 589100, y: 3080000),
                                                      Point(x: 589100, y: 3080100), Point(x: 589000, y: 3080100), Point(x: 589000, y: 3080000)]]))
        let queue = try DatabaseQueue(path: path, configuration: Registry.configuration())
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO parcels (geom, parcel_id, status, cadastral_area_m2, cadastral_area_mu, ellipsoidal_area_m2,
                  ellipsoidal_area_mu, imported_at) VALUES (?, 'OLD-1', 'assigned', 10000, 15, 9998, 14.997, '2025-01-01T00:00:00Z');
                INSERT INTO events (subject, subject_id, event_date, kind, status, recorded_by, recorded_at)
                  VALUES ('parcel', 'OLD-1', '2025-01-01', 'registered', 'assigned', 'clerk', '2025-01-01T00:00:00Z');
                """, arguments: [Data(GeoPackageBinary.encode(g, srsID: 4547, envelope: g.boundingBox))])
        }
        try queue.close()
        let r = try Registry.open(at: path)
        let e = try r.markInefficient(parcelID: "OLD-1", date: CivilDate("2025-02-01")!, basis: "grade D 2024", recordedBy: "王")
        #expect(e.id == 2)
        #expect(try r.history(of: Subject(.parcel, "OLD-1")).map(\.kind) == [.registered, .inefficient])
        let report = try r.verify()
        // (The rows written by hand above carry made-up areas, which verify rightly judges: not this test's concern.)
        let failed = report.checks.filter { !$0.ok && !$0.name.hasPrefix("stored areas") }.map(\.name)
        #expect(failed.isEmpty, "\(failed)")
        // Still append-only after the rebuild.
        #expect(throws: (any Error).self) { try r.db.write { try $0.execute(sql: "DELETE FROM events") } }
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

/// A ledger delivered once, then again a year later.
@Suite("Re-delivered ledgers: import --update")
struct LedgerUpdateTests {
    static func square(_ i: Int, size: Int = 50) -> String {
        let x = 576000 + 100 * i, y = 3085000
        return "[[[\(x),\(y)],[\(x + size),\(y)],[\(x + size),\(y + size)],[\(x),\(y + size)],[\(x),\(y)]]]"
    }

    static func file(_ features: [(id: String, zone: String, status: String, size: Int, i: Int)]) throws -> String {
        let lines = features.map { f in
            """
            {"type":"Feature","id":"\(f.id)","properties":{"name":"地块\(f.i)","zone":"\(f.zone)","status":"\(f.status)","contract_no":"C-\(f.i)"},"geometry":{"type":"Polygon","coordinates":\(square(f.i, size: f.size))}}
            """
        }
        let path = try scratchDirectory() + "/ledger.geojson"
        try ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4547\"}},\"features\":[\n"
             + lines.joined(separator: ",\n") + "]}\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let first = [("A", "马洪片区", "idle", 50, 1), ("B", "马洪片区", "idle", 50, 2), ("C", "马洪片区", "idle", 50, 3),
                        ("D", "马洪片区", "idle", 50, 4)]
    /// A as it was; B moved to another zone and surveyed larger; C under recovery; D gone; E new.
    static let second = [("A", "马洪片区", "idle", 50, 1), ("B", "袁河片区", "idle", 60, 2), ("C", "马洪片区", "under_recovery", 50, 3),
                         ("E", "光明片区", "idle", 50, 5)]

    func delivered() throws -> (Registry, String) {
        let r = try newRegistry()
        _ = try r.importFile(try Self.file(Self.first.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }),
                             ImportOptions(recordedBy: "clerk", statusDate: CivilDate("2024-01-01")!))
        return (r, try Self.file(Self.second.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }))
    }

    func eventCount(_ r: Registry) throws -> Int {
        try ["A", "B", "C", "D", "E"].reduce(0) { $0 + (try r.history(of: Subject(.parcel, $1)).count) }
    }

    @Test("new parcels added, changes recorded in the history, unchanged left alone, missing listed and kept")
    func update() throws {
        let (r, second) = try delivered()
        let date = CivilDate("2025-07-01")!
        let s = try r.importFile(second, ImportOptions(recordedBy: "clerk", statusDate: date, update: true))
        #expect(s.log.added == 1 && s.log.updated == 2 && s.log.unchanged == 1 && s.log.missing == 1 && s.log.outcome == .imported)
        #expect(try r.parcelCount == 5, "D is never deleted")
        let b = try #require(try r.parcel(id: "B")).parcel
        #expect(b.zone == "袁河片区" && abs((b.cadastralAreaM2 ?? 0) - 3600) < 1e-6, "areas measured again")
        let bHistory = try r.history(of: Subject(.parcel, "B"))
        // The zone change is an `attributes` event of its own (AttributeEvents).
        #expect(bHistory.map(\.kind) == [.registered, .geometry, .attributes])
        let moved = bHistory.first { $0.kind == .geometry }
        #expect(moved?.note?.contains("zone \"马洪片区\" → \"袁河片区\"") == true && moved?.date == date, "\(moved?.note ?? "")")
        #expect(moved?.note?.contains("cadastral area 2500.00 → 3600.00 m²") == true)
        let c = try r.history(of: Subject(.parcel, "C"))
        #expect(c.map(\.kind) == [.registered, .status] && c.last?.status == .underRecovery)
        #expect(try r.parcel(id: "C")?.parcel.status == .underRecovery)
        #expect(try r.history(of: Subject(.parcel, "A")).count == 1)
        var logged: [ImportIssue] = []
        try r.forEachImportIssue(importID: s.log.id) { _, i in logged.append(i) }
        #expect(logged.map { "\($0.featureID ?? "") \($0.rule.rawValue) \($0.action.rawValue) \($0.field ?? "")" } == [
            "B changed updated zone,geometry", "C changed updated status", "D missing_from_file flagged ",
        ])
    }

    @Test("the same file twice changes nothing the second time")
    func idempotent() throws {
        let (r, second) = try delivered()
        _ = try r.importFile(second, ImportOptions(update: true))
        let events = try eventCount(r)
        let again = try r.importFile(second, ImportOptions(update: true))
        #expect(again.log.added == 0 && again.log.updated == 0 && again.log.unchanged == 4 && again.log.missing == 1)
        #expect(try eventCount(r) == events)
        #expect(try r.parcelCount == 5)
    }

    @Test("--dry-run tells the difference and writes nothing, not even the log")
    func dryRun() throws {
        let (r, second) = try delivered()
        let seen = Changes()
        var options = ImportOptions(update: true, dryRun: true)
        options.onChange = { seen.add($0) }
        let s = try r.importFile(second, options)
        #expect(s.log.added == 1 && s.log.updated == 2 && s.log.unchanged == 1 && s.log.missing == 1)
        #expect(seen.all.map { "\($0.kind.rawValue) \($0.parcelID) \($0.fields.joined(separator: ","))" } == [
            "changed B zone,geometry", "changed C status", "added E ", "missing D ",
        ])
        #expect(try r.parcelCount == 4)
        #expect(try r.parcel(id: "B")?.parcel.zone == "马洪片区")
        #expect(try eventCount(r) == 4)
        #expect(try r.imports().count == 1, "a dry run is not logged")
    }

    @Test("a status the lifecycle refuses rejects the feature, and all or nothing holds")
    func refusedStatus() throws {
        let (r, _) = try delivered()
        _ = try r.record(NewEvent(subject: Subject(.parcel, "A"), date: CivilDate("2025-01-01")!, status: .underRecovery, recordedBy: "clerk"))
        _ = try r.record(NewEvent(subject: Subject(.parcel, "A"), date: CivilDate("2025-02-01")!, status: .recovered, recordedBy: "clerk"))
        // The ledger still says idle: recovered land cannot become idle again.
        let again = try Self.file([("A", "马洪片区", "idle", 50, 1), ("E", "光明片区", "idle", 50, 5)])
        #expect {
            try r.importFile(again, ImportOptions(update: true))
        } throws: { e in
            guard let e = e as? ImportError, let record = e.record else { return false }
            return record.byRule.contains { $0.rule == .statusChange && $0.action == .rejected } && e.description.contains("cannot become idle")
        }
        #expect(try r.parcel(id: "E") == nil)
        #expect(try r.parcel(id: "A")?.parcel.status == .recovered)
    }

    /// Collects the changes a dry run reports (on the import's writing thread).
    final class Changes: @unchecked Sendable {
        // @unchecked Sendable: `all` is only touched under `lock`.
        private let lock = NSLock()
        private var list: [ParcelChange] = []
        func add(_ c: ParcelChange) { lock.withLock { list.append(c) } }
        var all: [ParcelChange] { lock.withLock { list } }
    }
}

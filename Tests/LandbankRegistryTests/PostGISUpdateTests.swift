import Foundation
import Testing
@testable import LandbankRegistry

/// `import --update` on PostgreSQL gives what it gives on a GeoPackage: the same counts, the same histories (kinds,
/// notes, statuses), the same issue log, and a registry that verifies.
@Suite("Re-delivered ledgers on PostgreSQL", needsPostgres, .serialized)
struct PostGISUpdateTests {
    func delivered(_ r: Registry) throws -> String {
        _ = try r.importFile(try LedgerUpdateTests.file(LedgerUpdateTests.first.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }),
                             ImportOptions(recordedBy: "clerk", statusDate: CivilDate("2024-01-01")!))
        return try LedgerUpdateTests.file(LedgerUpdateTests.second.map { ($0.0, $0.1, $0.2, $0.3, $0.4) })
    }

    /// What an update did, as text: counts, each parcel's history and status, the import's issues.
    func outcome(_ r: Registry, _ second: String, dryRun: Bool = false) throws -> [String] {
        let date = CivilDate("2025-07-01")!
        let s = try r.importFile(second, ImportOptions(recordedBy: "clerk", statusDate: date, update: true, dryRun: dryRun))
        var lines = ["added \(s.log.added) updated \(s.log.updated) unchanged \(s.log.unchanged) missing \(s.log.missing) \(s.log.outcome)"]
        for id in ["A", "B", "C", "D", "E"] {
            let h = try r.history(of: Subject(.parcel, id))
            let p = try r.parcel(id: id)?.parcel
            lines.append("\(id) \(p?.status?.rawValue ?? "-") \(p?.zone ?? "-") \(p.map { String(format: "%.3f", $0.cadastralAreaM2 ?? 0) } ?? "-"): "
                         + h.map { "\($0.kind.rawValue) \($0.status?.rawValue ?? "") \($0.note ?? "")" }.joined(separator: " | "))
        }
        if !dryRun {
            try r.forEachImportIssue(importID: s.log.id) { _, i in lines.append("\(i.featureID ?? "") \(i.rule.rawValue) \(i.action.rawValue) \(i.message)") }
        }
        return lines
    }

    @Test("added, changed (zone as an attributes event, a new shape, a status), unchanged and missing: as on a GeoPackage")
    func sameAsGeoPackage() throws {
        let pg = try Registry.create(at: try freshDatabase(), crs: "EPSG:4547")
        let gpkg = try newRegistry()
        let second = try delivered(pg)
        _ = try delivered(gpkg)
        let onPG = try outcome(pg, second)
        #expect(onPG == (try outcome(gpkg, second)))
        #expect(onPG.contains { $0.hasPrefix("B ") && $0.contains("attributes") }, "\(onPG)")
        #expect(onPG.first == "added 1 updated 2 unchanged 1 missing 1 imported", "\(onPG)")
        #expect(try pg.verify().ok)
        // Again: nothing changes.
        let again = try pg.importFile(second, ImportOptions(recordedBy: "clerk", statusDate: CivilDate("2025-07-01")!, update: true))
        #expect(again.log.added == 0 && again.log.updated == 0 && again.log.unchanged == 4)
    }

    @Test("--dry-run on PostgreSQL writes nothing")
    func dryRun() throws {
        let pg = try Registry.create(at: try freshDatabase(), crs: "EPSG:4547")
        let second = try delivered(pg)
        let before = try ["A", "B", "C", "D"].map { try pg.history(of: Subject(.parcel, $0)).count }
        _ = try pg.importFile(second, ImportOptions(recordedBy: "clerk", update: true, dryRun: true))
        #expect(try ["A", "B", "C", "D"].map { try pg.history(of: Subject(.parcel, $0)).count } == before)
        #expect(try pg.parcel(id: "E") == nil)
    }
}

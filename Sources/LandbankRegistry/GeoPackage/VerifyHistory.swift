import Foundation
import GRDB
import LandbankLifecycle

extension GeoPackageStore {
    /// History checks of `verify`: the hash chains, the protecting triggers, unrecorded outside edits, statuses
    /// against the corrected history, and histories whose feature is gone without a recorded deletion.
    static func verifyHistory(_ db: Database, path: String, _ report: inout VerifyReport, limit: Int) throws {
        var chain: [String] = [], unsealed: [String] = []
        var previous = HistoryChain.genesis
        var hashes: [Int64: String] = [:]
        let events = try Row.fetchCursor(db, sql: "SELECT \(EventContent.columns), hash FROM events ORDER BY id")
        while let row = try events.next() {
            let id: Int64 = row["id"]
            let content = EventContent(row: row)
            guard let stored: String = row["hash"] else {
                if content.kind == EventKind.outsideEdit.rawValue {
                    unsealed.append("\(content.subjectKind) \(content.subjectID): \(content.note ?? "edited outside landbank") (event #\(id) of \(content.date)) — run `landbank verify --repair` to record it")
                } else {
                    chain.append("event #\(id) has no hash: it was not written by landbank")
                }
                continue
            }
            let expected = HistoryChain.hash(id: id, content, previous: previous)
            if stored != expected && chain.isEmpty {
                chain.append("event #\(id) (\(content.subjectKind) \(content.subjectID), \(content.date)) does not match its hash: it, or the history before it, was changed outside landbank")
            }
            hashes[id] = stored
            previous = stored
        }
        let kept = try Row.fetchCursor(db, sql: "SELECT \(GeometryContent.columns), hash FROM geometry_history ORDER BY id")
        while let row = try kept.next() {
            let id: Int64 = row["id"]
            let g = GeometryContent(row: row)
            guard let stored: String = row["hash"] else { continue }  // an unsealed capture: listed with its event
            if stored != HistoryChain.hash(id: id, g, eventHash: hashes[g.eventID] ?? "") {
                chain.append("kept geometry #\(id) (\(g.subjectKind) \(g.subjectID), event #\(g.eventID)) does not match its hash: changed outside landbank")
            }
        }
        // A geometry event keeps the geometry it replaced, except landbank's "measured again" after an outside
        // edit, whose previous geometry is kept by the captured edit itself (note written by `recordOutsideEdits`).
        for e in try Row.fetchAll(db, sql: """
            SELECT id, subject, subject_id FROM events e WHERE kind IN ('geometry', 'outside_edit') AND note NOT LIKE 'measured again%'
              AND NOT EXISTS (SELECT 1 FROM geometry_history g WHERE g.event_id = e.id)
            """) {
            chain.append("event #\(e[0] as Int64) (\(e[1] as String) \(e[2] as String)) replaced a geometry that is no longer kept")
        }
        report.add("history hash chain intact", chain, limit: limit)

        var triggers: [String] = []
        for t in IntegritySchema.protecting {
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [t.name])
            if sql == nil { triggers.append("trigger \(t.name) is missing (dropped outside landbank?)") }
            else if sql != t.sql { triggers.append("trigger \(t.name) is not the one landbank made (changed outside landbank?)") }
        }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM landbank_writing") != 0 {
            triggers.append("landbank_writing holds a row: the capture triggers are switched off for every program")
        }
        report.add("history protected by its triggers", triggers, limit: limit)
        report.add("edits made outside landbank recorded", unsealed, limit: limit)

        var audit = StatusAudit()
        let access = GeoPackageAccess(db: db, path: path)
        for kind in Subject.Kind.allCases {
            var stored: [String: ParcelStatus?] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT \(kind.idColumn), status FROM \(kind.table)") {
                stored[r[0]] = (r[1] as String?).flatMap(ParcelStatus.init(rawValue:))
            }
            try audit.check(kind, stored: stored) { try access.forEachHistory(of: kind, kinds: Set(EventKind.allCases), $0) }
        }
        audit.add(to: &report, limit: limit)
    }
}

import Foundation
import GRDB

/// Writes and reads the import log (`ImportLogMigration`).
enum ImportLogStore {
    /// Inserts the import's row and its issues (streamed from the spool); returns the import's number.
    static func write(_ record: ImportRecord, issues: IssueSpool, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO imports (file, file_sha256, layer, mode, started_at, finished_at, recorded_by, features, added,
              updated, unchanged, missing, repaired, rejected, flagged, outcome, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.file, record.fileSHA256, record.layer, record.mode, record.startedAt, record.finishedAt,
                             record.recordedBy, record.features, record.added, record.updated, record.unchanged,
                             record.missing, record.repaired, record.rejected, record.flagged, record.outcome.rawValue,
                             record.message])
        let id = db.lastInsertedRowID
        let insert = try db.makeStatement(sql: """
            INSERT INTO import_issues (import_id, position, feature_id, field, rule, value, action, message, location)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try issues.forEach { i in
            try insert.execute(arguments: [id, i.position, i.featureID, i.field, i.rule.rawValue, i.value, i.action.rawValue,
                                           i.message, i.location])
        }
        return id
    }

    /// The log's imports, newest first, or the one numbered `id`.
    static func records(id: Int64?, in db: Database) throws -> [ImportRecord] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM imports \(id == nil ? "" : "WHERE id = ?") ORDER BY id DESC",
                                    arguments: id.map { [$0] } ?? [])
        let counts = try Row.fetchAll(db, sql: """
            SELECT import_id, rule, action, count(*) AS n FROM import_issues \(id == nil ? "" : "WHERE import_id = ?")
            GROUP BY import_id, rule, action ORDER BY import_id, n DESC, rule, action
            """, arguments: id.map { [$0] } ?? [])
        var byImport: [Int64: [ImportRecord.RuleCount]] = [:]
        for c in counts {
            // Values outside the enums cannot be written by landbank (CHECKs, enums); skip any an outside tool added.
            guard let rule = ImportIssue.Rule(rawValue: c["rule"]), let action = ImportIssue.Action(rawValue: c["action"]) else { continue }
            byImport[c["import_id"], default: []].append(ImportRecord.RuleCount(rule: rule, action: action, count: c["n"]))
        }
        return rows.map { r in
            ImportRecord(id: r["id"], file: r["file"], fileSHA256: r["file_sha256"], layer: r["layer"], mode: r["mode"],
                         startedAt: r["started_at"], finishedAt: r["finished_at"], recordedBy: r["recorded_by"],
                         features: r["features"], added: r["added"], updated: r["updated"], unchanged: r["unchanged"],
                         missing: r["missing"], repaired: r["repaired"], rejected: r["rejected"], flagged: r["flagged"],
                         outcome: ImportRecord.Outcome(rawValue: r["outcome"]) ?? .failed, message: r["message"],
                         byRule: byImport[r["id"]] ?? [])
        }
    }

    /// The issues of one import or of all, in the order they were found (by import), streamed.
    static func forEachIssue(importID: Int64?, in db: Database, _ body: (Int64, ImportIssue) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT import_id, position, feature_id, field, rule, value, action, message, location FROM import_issues
            \(importID == nil ? "" : "WHERE import_id = ?") ORDER BY import_id, id
            """, arguments: importID.map { [$0] } ?? [])
        while let r = try cursor.next() {
            let issue = ImportIssue(position: r["position"], featureID: r["feature_id"], field: r["field"],
                                    rule: ImportIssue.Rule(rawValue: r["rule"]) ?? .file, value: r["value"],
                                    action: ImportIssue.Action(rawValue: r["action"]) ?? .flagged, message: r["message"],
                                    location: r["location"])
            try body(r["import_id"], issue)
        }
    }
}

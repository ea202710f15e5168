import Foundation

/// The import log on PostgreSQL (`imports`, `import_issues`).
extension PGAccess {
    func importRecords(id: Int64?) throws -> [ImportRecord] {
        let rows = try c.query("SELECT * FROM imports WHERE $1::bigint IS NULL OR id = $1 ORDER BY id DESC", [id]).rows
        var byImport: [Int64: [ImportRecord.RuleCount]] = [:]
        for r in try c.query("""
            SELECT import_id, rule, action, count(*) AS n FROM import_issues WHERE $1::bigint IS NULL OR import_id = $1
            GROUP BY import_id, rule, action ORDER BY import_id, n DESC, rule, action
            """, [id]).rows {
            guard let rule = (r["rule"] as String?).flatMap(ImportIssue.Rule.init(rawValue:)),
                  let action = (r["action"] as String?).flatMap(ImportIssue.Action.init(rawValue:)),
                  let importID: Int64 = r["import_id"] else { continue }
            byImport[importID, default: []].append(ImportRecord.RuleCount(rule: rule, action: action, count: r["n"] ?? 0))
        }
        return rows.map { r in
            let id: Int64 = r["id"] ?? 0
            return ImportRecord(id: id, file: r["file"] ?? "", fileSHA256: r["file_sha256"], layer: r["layer"] ?? "", mode: r["mode"] ?? "",
                                startedAt: r["started_at"] ?? "", finishedAt: r["finished_at"] ?? "", recordedBy: r["recorded_by"] ?? "",
                                features: r["features"] ?? 0, added: r["added"] ?? 0, updated: r["updated"] ?? 0,
                                unchanged: r["unchanged"] ?? 0, missing: r["missing"] ?? 0, repaired: r["repaired"] ?? 0,
                                rejected: r["rejected"] ?? 0, flagged: r["flagged"] ?? 0,
                                outcome: (r["outcome"] as String?).flatMap(ImportRecord.Outcome.init(rawValue:)) ?? .failed,
                                message: r["message"], byRule: byImport[id] ?? [])
        }
    }

    func forEachImportIssue(importID: Int64?, _ body: (Int64, ImportIssue) throws -> Void) throws {
        try stream("""
            SELECT import_id, position, feature_id, field, rule, value, action, message, location FROM import_issues
            WHERE $1::bigint IS NULL OR import_id = $1 ORDER BY import_id, id
            """, [importID]) { r in
            let issue = ImportIssue(position: r["position"], featureID: r["feature_id"], field: r["field"],
                                    rule: (r["rule"] as String?).flatMap(ImportIssue.Rule.init(rawValue:)) ?? .file, value: r["value"],
                                    action: (r["action"] as String?).flatMap(ImportIssue.Action.init(rawValue:)) ?? .flagged,
                                    message: r["message"] ?? "", location: r["location"])
            try body(r["import_id"] ?? 0, issue)
        }
    }

    /// Writes an import's log entry and its issues (COPY); returns its number.
    func writeImportLog(_ record: ImportRecord, issues: IssueSpool) throws -> Int64 {
        let id: Int64 = try c.query("""
            INSERT INTO imports (file, file_sha256, layer, mode, started_at, finished_at, recorded_by, features, added,
              updated, unchanged, missing, repaired, rejected, flagged, outcome, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id
            """, [record.file, record.fileSHA256, record.layer, record.mode, record.startedAt, record.finishedAt,
                  record.recordedBy, record.features, record.added, record.updated, record.unchanged,
                  record.missing, record.repaired, record.rejected, record.flagged, record.outcome.rawValue,
                  record.message]).first?["id"] ?? 0
        try c.copy("COPY import_issues (import_id, position, feature_id, field, rule, value, action, message, location) FROM STDIN") { copy in
            try issues.forEach { i in
                copy.row([id, i.position, i.featureID, i.field, i.rule.rawValue, i.value, i.action.rawValue, i.message, i.location])
                try copy.flush(into: c, force: false)
            }
        }
        return id
    }
}

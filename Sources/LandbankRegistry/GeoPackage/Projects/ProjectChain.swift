import Foundation
import GRDB
import LandbankLifecycle

/// The projects' history as a hash chain of its own, as `HistoryChain` keeps the parcels': each event carries
/// the SHA-256 of its canonical content and of the previous project event's hash (in id order). The triggers of
/// migration 7 refuse UPDATE and DELETE; the chain makes an edit with the triggers dropped visible.
enum ProjectChain {
    static let columns = "id, project_id, event_date, stage, kind, sites, recorded_by, note, corrects, recorded_at, changes"

    /// Appends an event chained to the last one; returns its id.
    static func append(_ e: NewProjectEvent, recordedAt: String, in db: Database) throws -> Int64 {
        let last = try db.fetchOneCached(sql: "SELECT id, hash FROM project_events ORDER BY id DESC LIMIT 1")
        let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'project_events'")) ?? 0
        let id = max(seq, last?["id"] ?? 0) + 1
        let previous: String = last?["hash"] ?? HistoryChain.genesis
        let sites = e.sites.isEmpty ? nil : sitesJSON(e.sites)
        let changes = e.changes.isEmpty ? nil : changesJSON(e.changes)
        let fields = content(id: id, projectID: e.projectID, date: e.date.description, stage: e.stage.rawValue,
                             kind: e.kind.rawValue, sites: sites, recordedBy: e.recordedBy, note: e.note, corrects: e.corrects,
                             recordedAt: recordedAt, changes: changes)
        try db.executeCached(sql: """
            INSERT INTO project_events (\(columns), hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, e.projectID, e.date.description, e.stage.rawValue, e.kind.rawValue, sites, e.recordedBy,
                             e.note, e.corrects, recordedAt, changes, hash(fields, previous: previous)])
        return id
    }

    /// Every event whose stored hash does not follow from its content and the chain before it (the first such
    /// break only: the rest follow from it).
    static func problems(in db: Database) throws -> [String] {
        var previous = HistoryChain.genesis
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns), hash FROM project_events ORDER BY id")
        while let r = try rows.next() {
            let id: Int64 = r["id"]
            let fields = content(id: id, projectID: r["project_id"] ?? "", date: r["event_date"] ?? "", stage: r["stage"] ?? "",
                                 kind: r["kind"] ?? "", sites: r["sites"], recordedBy: r["recorded_by"] ?? "",
                                 note: r["note"], corrects: r["corrects"], recordedAt: r["recorded_at"] ?? "", changes: r["changes"])
            let stored: String = r["hash"] ?? ""
            if stored != hash(fields, previous: previous) {
                return ["project event #\(id) (project \(r["project_id"] as String? ?? "?")) does not match its hash: it, or the project history before it, was changed outside landbank"]
            }
            previous = stored
        }
        return []
    }

    /// The hashed fields. `changes` (migration 11) joins them only when there are some, so that the events
    /// recorded before it keep their hashes.
    static func content(id: Int64, projectID: String, date: String, stage: String, kind: String, sites: String?,
                        recordedBy: String, note: String?, corrects: Int64?, recordedAt: String, changes: String?) -> [String?] {
        [String(id), projectID, date, stage, kind, sites, recordedBy, note, corrects.map(String.init), recordedAt]
            + (changes.map { [$0] } ?? [])
    }

    /// Changes as stored: a JSON array of {"field", "old", "new"} objects, keys sorted (null for no value).
    static func changesJSON(_ changes: [ProjectChange]) -> String {
        let items: [[String: Any]] = changes.map { ["field": $0.field, "old": $0.old ?? NSNull(), "new": $0.new ?? NSNull()] }
        let data = try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func changes(_ json: String?) -> [ProjectChange] {
        guard let json, let a = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { return [] }
        return a.map { ProjectChange(field: $0["field"] as? String ?? "", old: $0["old"] as? String, new: $0["new"] as? String) }
    }

    /// Sites as stored: a JSON array of "parcel:ID" / "building:ID" strings.
    static func sitesJSON(_ sites: [String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: sites, options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func hash(_ fields: [String?], previous: String) -> String {
        var c = HistoryChain.Canonical()
        for f in fields { c.add(f) }
        c.add(previous)
        return c.digest
    }
}

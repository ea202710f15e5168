import Foundation
import GRDB

/// Each zone's admission policy, kept as JSON text (migration 6). The matcher (LandbankMatching) owns the
/// policy's type and its validation; the store keeps what it is given and who set it when.
extension Registry {
    /// The policy of `zone` as stored, or nil when the zone has none.
    public func zonePolicyJSON(zone: String) throws -> String? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT policy FROM zone_policies WHERE zone = ?", arguments: [zone])
        }
    }

    /// Every stored policy, by zone.
    public func allZonePolicyJSON() throws -> [String: String] {
        try db.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT zone, policy FROM zone_policies") {
                out[row["zone"]] = row["policy"]
            }
            return out
        }
    }

    /// Sets (or replaces) the policy of `zone` in one write transaction. `json` must be a JSON object (the
    /// caller has validated its contents); anything else is refused as an invalid argument.
    public func setZonePolicyJSON(zone: String, json: String, by recordedBy: String) throws {
        guard !zone.isEmpty, !zone.contains("\0") else {
            throw RegistryError(path: path, kind: .invalidArgument, "a zone policy needs a zone name")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)), object is [String: Any] else {
            throw RegistryError(path: path, kind: .invalidArgument, "the policy of zone \(zone) is not a JSON object")
        }
        let now = ISO8601DateFormatter().string(from: Date())
        try write { db in
            try db.execute(sql: """
                INSERT INTO zone_policies (zone, policy, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT(zone) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at,
                  updated_by = excluded.updated_by
                """, arguments: [zone, json, now, recordedBy])
        }
    }
}

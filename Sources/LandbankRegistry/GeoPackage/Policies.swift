import Foundation
import GRDB

/// Each zone's admission policy, kept as JSON text (migration 6).
extension GeoPackageAccess {
    func parcelZones() throws -> [String?] {
        // Each next zone is the smallest above the one before: one seek in parcels_zone_status each.
        let zones = try String.fetchAll(db.cachedStatement(sql: """
            WITH RECURSIVE z(zone) AS (
                SELECT (SELECT min(zone) FROM parcels)
                UNION ALL
                SELECT (SELECT min(zone) FROM parcels WHERE zone > z.zone) FROM z WHERE z.zone IS NOT NULL)
            SELECT zone FROM z WHERE zone IS NOT NULL
            """))
        let unzoned = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM parcels WHERE zone IS NULL)")) ?? false
        return zones + (unzoned ? [nil] : [])
    }

    func zonePolicies() throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try db.fetchAllCached(sql: "SELECT zone, policy FROM zone_policies") {
            out[row["zone"]] = row["policy"]
        }
        return out
    }

    func putZonePolicy(zone: String, json: String, at time: String, by recordedBy: String) throws {
        try db.execute(sql: """
            INSERT INTO zone_policies (zone, policy, updated_at, updated_by) VALUES (?, ?, ?, ?)
            ON CONFLICT(zone) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at,
              updated_by = excluded.updated_by
            """, arguments: [zone, json, time, recordedBy])
    }
}

import GRDB

/// Migration 6: each zone's admission policy (标准地 gates, leading and refused industries, which statuses it
/// offers), stored as the JSON object the matcher reads and validates (LandbankMatching's `ZonePolicy`); the
/// registry only keeps it. Not registered in `gpkg_contents`: an attributes table must have an integer primary
/// key (GeoPackage 1.3, requirement 119) and this one is keyed by zone; GDAL lists no unregistered table while
/// `landbank_settings` is registered.
enum PolicyMigration {
    static let name = "v6-zone-policies"

    static func run(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE zone_policies (
              zone TEXT PRIMARY KEY NOT NULL,
              policy TEXT NOT NULL CHECK (json_valid(policy) AND json_type(policy) = 'object'),
              updated_at TEXT NOT NULL,
              updated_by TEXT NOT NULL
            )
            """)
    }
}

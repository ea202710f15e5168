import GRDB
import LandbankLifecycle

/// The registry's schema, built by numbered migrations only. Migration 1 lays down the GeoPackage core;
/// the registry's CRS row is written by `Registry.create` between migration 1 and the rest, and later
/// migrations read it from `landbank_settings`.
enum Migrations {
    static let core = "v1-geopackage-core"

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(core) { db in
            try db.execute(sql: "PRAGMA application_id = \(GeoPackageSchema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(GeoPackageSchema.userVersion)")
            try db.execute(sql: GeoPackageSchema.core)
            try db.execute(sql: """
                INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?,
                  'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')
                """, arguments: [GeoPackageSchema.wgs84WKT])
            // An attributes table (GeoPackage wants an integer primary key). Registering one attributes table
            // also makes GDAL and QGIS stop listing unregistered tables such as grdb_migrations as layers.
            try db.execute(sql: """
                CREATE TABLE landbank_settings (
                  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
                VALUES ('landbank_settings', 'attributes', 'landbank_settings', 'landbank registry settings');
                """)
        }
        m.registerMigration("v2-parcels") { db in
            guard let srs = try Int.fetchOne(db, sql: "SELECT value FROM landbank_settings WHERE key = 'srs_id'") else {
                // Registry.create writes the CRS before this migration runs.
                preconditionFailure("registry CRS missing before the parcels migration")
            }
            try db.execute(sql: """
                CREATE TABLE parcels (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                  geom MULTIPOLYGON NOT NULL,
                  parcel_id TEXT NOT NULL UNIQUE,
                  name TEXT,
                  zone TEXT,
                  land_use TEXT,
                  status TEXT \(Check.oneOf("status", ParcelStatus.self)),
                  disposal_method TEXT \(Check.oneOf("disposal_method", DisposalMethod.self)),
                  cadastral_area_m2 REAL,
                  cadastral_area_mu REAL,
                  ellipsoidal_area_m2 REAL NOT NULL,
                  ellipsoidal_area_mu REAL NOT NULL,
                  properties TEXT NOT NULL DEFAULT '{}',
                  imported_at TEXT NOT NULL
                );
                CREATE INDEX parcels_zone_status ON parcels(zone, status);
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
                VALUES ('parcels', 'features', 'parcels', 'Idle and recovered land parcels', \(srs));
                INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', 'MULTIPOLYGON', \(srs), 0, 0);
                """)
            try db.execute(sql: GeoPackageSchema.rtreeTable(table: "parcels", column: "geom"))
            for t in GeoPackageSchema.rtreeTriggers(table: "parcels", column: "geom") { try db.execute(sql: t) }
            try db.execute(sql: GeoPackageSchema.rtreeExtension(table: "parcels", column: "geom"))
        }
        m.registerMigration("v3-buildings-history-contracts") { db in
            guard let srs = try Int.fetchOne(db, sql: "SELECT value FROM landbank_settings WHERE key = 'srs_id'") else {
                preconditionFailure("registry CRS missing before migration 3")
            }
            try db.execute(sql: LifecycleSchema.buildings(srs: srs))
            try db.execute(sql: GeoPackageSchema.rtreeTable(table: "buildings", column: "geom"))
            for t in GeoPackageSchema.rtreeTriggers(table: "buildings", column: "geom") { try db.execute(sql: t) }
            try db.execute(sql: GeoPackageSchema.rtreeExtension(table: "buildings", column: "geom"))
            try db.execute(sql: LifecycleSchema.history)
        }
        m.registerMigration("v4-tamper-evident-history") { db in try IntegrityMigration.run(db) }
        m.registerMigration(QueryIndexMigration.name) { db in try QueryIndexMigration.run(db) }
        m.registerMigration(PolicyMigration.name) { db in try PolicyMigration.run(db) }
        m.registerMigration(ProjectMigration.name) { db in try ProjectMigration.run(db) }
        m.registerMigration(TokenMigration.name) { db in try TokenMigration.run(db) }
        m.registerMigration(SiteIndexMigration.name) { db in try SiteIndexMigration.run(db) }
        m.registerMigration(ImportLogMigration.name) { db in try ImportLogMigration.run(db) }
        m.registerMigration(ProjectChangeMigration.name) { db in try ProjectChangeMigration.run(db) }
        m.registerMigration(EfficiencyMigration.name) { db in try EfficiencyMigration.run(db) }
        // Migration 13: `events` gains the kind `attributes` (a re-delivered ledger's changed fields), rebuilt as
        // migration 12 rebuilt it, every row, id and hash kept.
        m.registerMigration("v13-attribute-events") { db in try EfficiencyMigration.widenEventKinds(db) }
        // Migration 14: every write first seals the kept geometries that edits outside landbank left without a
        // hash; without this index that look scanned every kept geometry (their blobs included) on every write.
        m.registerMigration("v14-unsealed-geometry-index") { db in
            try db.execute(sql: "CREATE INDEX geometry_history_unsealed ON geometry_history(id) WHERE hash IS NULL")
        }
        m.registerMigration(ZoneExtents.name) { db in try ZoneExtents.run(db) }
        m.registerMigration(UnknownsAboveMigration.name) { db in try UnknownsAboveMigration.run(db) }
        m.registerMigration(StatusDimensionMigration.name) { db in try StatusDimensionMigration.run(db) }
        return m
    }
}

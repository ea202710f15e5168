import GRDB
import LandbankLifecycle

/// Migration 12: per-mu grading, the inefficient-land list and approval batches (issue 15).
///
/// - `enterprise_figures`: one row per enterprise, parcel and year (money in fen; a missing figure is NULL,
///   never 0). Registered as an attributes table.
/// - `approval_batches`: the batch polygons (a features layer, so QGIS shows them), with the areas landbank
///   measured and the area the file declared. No R*Tree: a zone has tens of batches, read whole.
/// - `inefficiency_plans`: the disposal planned for each listed parcel, append-only (a later plan supersedes).
/// - `events` gains the kinds `inefficient` and `inefficient_lifted` (the inefficient-land mark). SQLite cannot
///   widen a CHECK in place, so the table is rebuilt as migration 11 rebuilt `project_events`: every row copied
///   with its id and hash (the chain does not change), the triggers and indexes that name `events` saved and
///   put back verbatim (they must be dropped first: a rename re-reads every trigger).
enum EfficiencyMigration {
    static let name = "v12-efficiency"

    static let appendOnly = "landbank disposal plans are append-only: record a further plan instead"

    static func run(_ db: Database) throws {
        guard let srs = try Int.fetchOne(db, sql: "SELECT value FROM landbank_settings WHERE key = 'srs_id'") else {
            preconditionFailure("registry CRS missing before migration 12")  // Registry.create writes it before migration 2
        }
        let date = ProjectMigration.date
        try db.execute(sql: """
            CREATE TABLE enterprise_figures (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
              enterprise_id TEXT NOT NULL,
              name TEXT,
              parcel_id TEXT NOT NULL,
              floor_space_m2 REAL CHECK (floor_space_m2 IS NULL OR floor_space_m2 > 0),
              tax_fen INTEGER, value_added_fen INTEGER, sales_fen INTEGER, rd_fen INTEGER, investment_fen INTEGER,
              energy_tce REAL, emissions_t REAL, employees INTEGER,
              safety_incidents INTEGER, environment_incidents INTEGER,
              major_safety_incidents INTEGER, major_environment_incidents INTEGER,
              recorded_by TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              UNIQUE (year, enterprise_id, parcel_id)
            );
            CREATE INDEX enterprise_figures_parcel ON enterprise_figures(parcel_id, year);
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
            VALUES ('enterprise_figures', 'attributes', 'enterprise_figures', 'Enterprise figures per year for per-mu grading');

            CREATE TABLE approval_batches (
              fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              geom MULTIPOLYGON NOT NULL,
              approval_no TEXT NOT NULL UNIQUE,
              name TEXT,
              kind TEXT NOT NULL \(Check.oneOf("kind", ApprovalBatch.Kind.self)),
              approved_on TEXT NOT NULL CHECK (approved_on \(date)),
              zone TEXT,
              declared_area_mu REAL,
              cadastral_area_m2 REAL,
              ellipsoidal_area_m2 REAL NOT NULL,
              recorded_by TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            );
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES ('approval_batches', 'features', 'approval_batches', 'Approval batches (农用地转用/土地征收)', \(srs));
            INSERT INTO gpkg_geometry_columns VALUES ('approval_batches', 'geom', 'MULTIPOLYGON', \(srs), 0, 0);

            CREATE TABLE inefficiency_plans (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              parcel_id TEXT NOT NULL,
              method TEXT NOT NULL \(Check.oneOf("method", DisposalMethod.self)),
              planned_for TEXT NOT NULL CHECK (planned_for \(date)),
              note TEXT,
              recorded_by TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            );
            CREATE TRIGGER inefficiency_plans_no_update BEFORE UPDATE ON inefficiency_plans BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            CREATE TRIGGER inefficiency_plans_no_delete BEFORE DELETE ON inefficiency_plans BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
            VALUES ('inefficiency_plans', 'attributes', 'inefficiency_plans', 'Disposal plans of the inefficient-land list');
            """)
        try widenEventKinds(db)
    }

    /// Rebuilds `events` with the current `EventKind` CHECK, keeping every row, id and hash.
    static func widenEventKinds(_ db: Database) throws {
        let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'") ?? 0
        // Every trigger that names `events` (its own, the geometry history's, the capture triggers), and its indexes.
        let saved = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE sql IS NOT NULL AND ((type = 'trigger' AND (tbl_name = 'events' OR sql LIKE '%events%'))
                                       OR (type = 'index' AND tbl_name = 'events'))
            ORDER BY type DESC, name
            """).filter { r in
            let sql: String = r["sql"]
            let mentions = sql.replacingOccurrences(of: "project_events", with: "").contains("events")
            return mentions
        }
        for r in saved where (r["type"] as String) == "trigger" { try db.execute(sql: "DROP TRIGGER \(r["name"] as String)") }
        try db.execute(sql: """
            CREATE TABLE events_v12 (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              subject TEXT NOT NULL \(Check.oneOf("subject", Subject.Kind.self)),
              subject_id TEXT NOT NULL,
              event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
              kind TEXT NOT NULL \(Check.oneOf("kind", EventKind.self)),
              status TEXT \(Check.oneOf("status", ParcelStatus.self)),
              disposal_method TEXT \(Check.oneOf("disposal_method", DisposalMethod.self)),
              legal_basis TEXT,
              amount_fen INTEGER,
              recorded_by TEXT NOT NULL,
              note TEXT,
              corrects INTEGER REFERENCES events(id),
              recorded_at TEXT NOT NULL,
              hash TEXT CHECK (hash IS NULL OR length(hash) = 64)
            );
            INSERT INTO events_v12 (\(IntegritySchema.eventColumns), hash)
              SELECT \(IntegritySchema.eventColumns), hash FROM events ORDER BY id;
            DROP TABLE events;
            ALTER TABLE events_v12 RENAME TO events;
            UPDATE sqlite_sequence SET seq = max(seq, \(seq)) WHERE name = 'events';
            """)
        for r in saved where (r["type"] as String) == "index" { try db.execute(sql: r["sql"]) }
        for r in saved where (r["type"] as String) == "trigger" { try db.execute(sql: r["sql"]) }
    }
}

import GRDB
import LandbankLifecycle

/// Migration 7: investment projects (issue 12). `projects` holds each project's record and agreement and the
/// stage its history leads to (a cache, as `parcels.status` is); `project_events` is its history, append-only
/// and hash-chained like `events` (its own chain, `ProjectChain`): stage changes, corrections, and sites assigned
/// (parcels and buildings, a JSON array; the stage column then repeats the project's stage), protected by triggers whoever writes;
/// `project_actuals` one row per project and year; `project_incentives` promised and paid incentives.
/// Money in fen, dates as `YYYY-MM-DD`. Registered in `gpkg_contents` as attributes tables (each has an integer
/// primary key), so GIS users see them beside the layers.
enum ProjectMigration {
    static let name = "v7-projects"

    static let appendOnly = "landbank project history is append-only: record a correction instead"

    static let date = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"

    static func run(_ db: Database) throws {
        let stage = Check.oneOf("stage", ProjectStage.self)
        try db.execute(sql: """
            CREATE TABLE projects (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              project_id TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              investor TEXT, industry TEXT, team TEXT, zone TEXT,
              demand TEXT CHECK (demand IS NULL OR (json_valid(demand) AND json_type(demand) = 'object')),
              cause TEXT \(Check.oneOf("cause", ShortfallCause.self)),
              stage TEXT \(stage),
              investment_fen INTEGER, output_fen INTEGER, tax_fen INTEGER, jobs INTEGER,
              floor_space_m2 REAL, tenants INTEGER,
              sign_by TEXT CHECK (sign_by \(date)), land_by TEXT CHECK (land_by \(date)),
              start_by TEXT CHECK (start_by \(date)), production_by TEXT CHECK (production_by \(date)),
              figures_by TEXT CHECK (figures_by \(date))
            );
            CREATE INDEX projects_team ON projects(team);
            CREATE TABLE project_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              project_id TEXT NOT NULL REFERENCES projects(project_id),
              event_date TEXT NOT NULL CHECK (event_date \(date)),
              stage TEXT NOT NULL \(stage),
              kind TEXT NOT NULL CHECK (kind = 'stage' OR kind = 'correction' OR kind = 'site'),
              sites TEXT CHECK (sites IS NULL OR (json_valid(sites) AND json_type(sites) = 'array')),
              recorded_by TEXT NOT NULL,
              note TEXT,
              corrects INTEGER REFERENCES project_events(id),
              recorded_at TEXT NOT NULL,
              hash TEXT NOT NULL CHECK (length(hash) = 64)
            );
            CREATE INDEX project_events_project ON project_events(project_id, event_date, id);
            CREATE TABLE project_actuals (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              project_id TEXT NOT NULL REFERENCES projects(project_id),
              year INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
              investment_fen INTEGER, output_fen INTEGER, tax_fen INTEGER, jobs INTEGER, tenants INTEGER,
              floor_space_m2 REAL,
              UNIQUE (project_id, year)
            );
            CREATE TABLE project_incentives (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              project_id TEXT NOT NULL REFERENCES projects(project_id),
              kind TEXT NOT NULL CHECK (kind = 'promised' OR kind = 'paid'),
              amount_fen INTEGER NOT NULL,
              paid_date TEXT NOT NULL CHECK (paid_date \(date)),
              basis TEXT NOT NULL,
              UNIQUE (project_id, kind, paid_date, amount_fen, basis)
            );
            CREATE TRIGGER project_events_no_update BEFORE UPDATE ON project_events BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            CREATE TRIGGER project_events_no_delete BEFORE DELETE ON project_events BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            CREATE TRIGGER project_events_no_replace BEFORE INSERT ON project_events
            WHEN EXISTS (SELECT 1 FROM project_events WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, '\(appendOnly) (a row with this id exists)'); END;
            """)
        for table in ["projects", "project_events", "project_actuals", "project_incentives"] {
            try db.execute(sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
                VALUES (?, 'attributes', ?, ?)
                """, arguments: [table, table, "landbank investment projects: \(table)"])
        }
    }
}

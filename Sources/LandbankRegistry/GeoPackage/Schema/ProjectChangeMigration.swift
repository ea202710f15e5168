import GRDB
import LandbankLifecycle

/// Migration 11: what a project is and promises stops being overwritten in place (issue 12).
///
/// - `project_events` gains the kinds `amendment` (a change to the project's record or agreement: promised
///   figures, deadlines) and `incentive` (an incentive promised or paid), and a `changes` column: a JSON array of
///   `{"field", "old", "new"}` objects. SQLite cannot widen a CHECK in place, so the table is rebuilt (create,
///   copy every row with its id and hash, drop, rename: SQLite's documented procedure); the hash chain does not
///   change, since the chain hashes `changes` only when there are some. The append-only triggers come back.
/// - `project_incentives` becomes append-only too: a changed promise is a further record (a negative amount
///   reduces it), never an edit.
/// - `projects` gains `strategic_emerging` (战新项目, 0 or 1) and `investor_class` (seed 002's 国内外500强,
///   民营企业500强, 跨国公司, 上市公司, 行业龙头企业), which the plan's shares count.
enum ProjectChangeMigration {
    static let name = "v11-project-changes"

    static func run(_ db: Database) throws {
        let date = ProjectMigration.date
        let stage = Check.oneOf("stage", ProjectStage.self)
        let kinds = Check.oneOf("kind", ProjectEvent.Kind.self)
        let appendOnly = ProjectMigration.appendOnly
        try db.execute(sql: """
            CREATE TABLE project_events_v10 (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              project_id TEXT NOT NULL REFERENCES projects(project_id),
              event_date TEXT NOT NULL CHECK (event_date \(date)),
              stage TEXT NOT NULL \(stage),
              kind TEXT NOT NULL \(kinds),
              sites TEXT CHECK (sites IS NULL OR (json_valid(sites) AND json_type(sites) = 'array')),
              recorded_by TEXT NOT NULL,
              note TEXT,
              corrects INTEGER REFERENCES project_events(id),
              recorded_at TEXT NOT NULL,
              hash TEXT NOT NULL CHECK (length(hash) = 64),
              changes TEXT CHECK (changes IS NULL OR (json_valid(changes) AND json_type(changes) = 'array'))
            );
            INSERT INTO project_events_v10 (id, project_id, event_date, stage, kind, sites, recorded_by, note, corrects, recorded_at, hash)
              SELECT id, project_id, event_date, stage, kind, sites, recorded_by, note, corrects, recorded_at, hash
              FROM project_events ORDER BY id;
            DROP TABLE project_events;
            ALTER TABLE project_events_v10 RENAME TO project_events;
            CREATE INDEX project_events_project ON project_events(project_id, event_date, id);
            CREATE TRIGGER project_events_no_update BEFORE UPDATE ON project_events BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            CREATE TRIGGER project_events_no_delete BEFORE DELETE ON project_events BEGIN SELECT RAISE(ABORT, '\(appendOnly)'); END;
            CREATE TRIGGER project_events_no_replace BEFORE INSERT ON project_events
            WHEN EXISTS (SELECT 1 FROM project_events WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, '\(appendOnly) (a row with this id exists)'); END;
            CREATE TRIGGER project_incentives_no_update BEFORE UPDATE ON project_incentives
            BEGIN SELECT RAISE(ABORT, 'landbank incentives are append-only: record a further incentive instead'); END;
            CREATE TRIGGER project_incentives_no_delete BEFORE DELETE ON project_incentives
            BEGIN SELECT RAISE(ABORT, 'landbank incentives are append-only: record a further incentive instead'); END;
            ALTER TABLE projects ADD COLUMN strategic_emerging INTEGER CHECK (strategic_emerging IS NULL OR strategic_emerging IN (0, 1));
            ALTER TABLE projects ADD COLUMN investor_class TEXT \(Check.oneOf("investor_class", InvestorClass.self));
            """)
    }
}

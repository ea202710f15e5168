import LandbankLifecycle

/// SQL of migration 4: a tamper-evident history and edits made outside landbank captured in the file.
///
/// - `events` is rebuilt with a `hash` column (and the `outside_edit` kind); `geometry_history` gains one.
/// - Append-only triggers refuse UPDATE, DELETE and an INSERT over an existing id (INSERT OR REPLACE deletes
///   without firing delete triggers); a missing hash may be set once, by landbank, on an outside edit only.
/// - Capture triggers on `parcels` and `buildings` record a geometry changed or a feature deleted by any other
///   program (QGIS, GDAL, the sqlite3 shell) as an `outside_edit` event with the previous geometry, and mark the
///   stored areas stale (`geom_sha256` NULL). They call no landbank function, so other programs keep editing.
/// - `landbank_writing` holds one row for the length of each landbank write transaction (never committed):
///   the capture triggers stand aside for landbank's own edits, and only landbank may seal a hash.
enum IntegritySchema {
    static let appendOnly = LifecycleSchema.appendOnly

    static let writingMarker = "CREATE TABLE landbank_writing (id INTEGER PRIMARY KEY CHECK (id = 1))"

    /// Migration 3's `events` with `hash` added, written out in full rather than derived from migration 3's
    /// SQL: a migration must keep creating what it created when it first ran.
    static let events = """
        CREATE TABLE events_v4 (
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
        )
        """

    static let eventColumns = "id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen, recorded_by, note, corrects, recorded_at"
    static let geometryColumns = "id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2, previous_ellipsoidal_area_m2"

    /// The triggers that protect the history, by name: `verify` checks each exists with exactly this SQL.
    static var protecting: [(name: String, sql: String)] {
        historyTriggers(table: "events", columns: eventColumns, hashMayBeMissing: "NEW.kind IS 'outside_edit'",
                        sealable: "OLD.kind IS 'outside_edit'")
            + historyTriggers(table: "geometry_history", columns: geometryColumns,
                              hashMayBeMissing: "(SELECT kind FROM events WHERE id = NEW.event_id) IS 'outside_edit'",
                              sealable: "1")
            + Subject.Kind.allCases.flatMap(capture)
    }

    static func historyTriggers(table: String, columns: String, hashMayBeMissing: String, sealable: String) -> [(name: String, sql: String)] {
        let refuse = "SELECT RAISE(ABORT, '\(appendOnly)')"
        return [
            ("\(table)_no_update", """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE OF \(columns) ON \(table) BEGIN \(refuse); END
                """),
            ("\(table)_seal_once", """
                CREATE TRIGGER \(table)_seal_once BEFORE UPDATE OF hash ON \(table)
                WHEN OLD.hash IS NOT NULL OR NOT (\(sealable)) OR NOT EXISTS (SELECT 1 FROM landbank_writing)
                BEGIN \(refuse); END
                """),
            ("\(table)_no_delete", """
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) BEGIN \(refuse); END
                """),
            ("\(table)_no_replace", """
                CREATE TRIGGER \(table)_no_replace BEFORE INSERT ON \(table)
                WHEN EXISTS (SELECT 1 FROM \(table) WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, '\(appendOnly) (a row with this id exists)'); END
                """),
            ("\(table)_hash_required", """
                CREATE TRIGGER \(table)_hash_required BEFORE INSERT ON \(table)
                WHEN NEW.hash IS NULL AND NOT (\(hashMayBeMissing))
                BEGIN SELECT RAISE(ABORT, 'landbank history rows are written by landbank (this one has no hash)'); END
                """),
        ]
    }

    static func capture(_ subject: Subject.Kind) -> [(name: String, sql: String)] {
        let (table, id) = (subject.table, subject.idColumn)
        let (cadastral, ellipsoidal) = subject.areaColumns
        func record(_ row: String, _ what: String) -> String {
            """
            INSERT INTO events (subject, subject_id, event_date, kind, recorded_by, note, recorded_at)
                VALUES ('\(subject.rawValue)', \(row).\(id), date('now', '+8 hours'), 'outside_edit', 'outside landbank',
                        '\(what)', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
              INSERT INTO geometry_history (subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2,
                  previous_ellipsoidal_area_m2)
                VALUES ('\(subject.rawValue)', \(row).\(id), last_insert_rowid(), OLD.geom, OLD.\(cadastral), OLD.\(ellipsoidal));
            """
        }
        return [
            ("\(table)_outside_geometry_edit", """
                CREATE TRIGGER \(table)_outside_geometry_edit AFTER UPDATE OF geom ON \(table)
                WHEN NEW.geom IS NOT OLD.geom AND NOT EXISTS (SELECT 1 FROM landbank_writing)
                BEGIN
                  \(record("NEW", "geometry changed outside landbank; the previous geometry is kept and the stored areas are stale until landbank measures it"))
                  UPDATE \(table) SET geom_sha256 = NULL WHERE fid = NEW.fid;
                END
                """),
            ("\(table)_outside_delete", """
                CREATE TRIGGER \(table)_outside_delete AFTER DELETE ON \(table)
                WHEN NOT EXISTS (SELECT 1 FROM landbank_writing)
                BEGIN
                  \(record("OLD", "\(subject.rawValue) deleted outside landbank; its last geometry is kept"))
                END
                """),
        ]
    }
}

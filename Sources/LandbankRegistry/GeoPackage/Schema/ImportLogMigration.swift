import GRDB

/// Migration 10: the import log (issue 13). `imports` keeps one row per import, successful or not — file name
/// and SHA-256, when, who, the mode, what became of the features, the outcome — and `import_issues` every
/// problem found, with the feature's position, id, field, rule, value and what was done. Both are append-only
/// (triggers refuse UPDATE and DELETE) and registered as GeoPackage attributes tables, so that QGIS shows them.
enum ImportLogMigration {
    static let name = "v10-import-log"

    static func run(_ db: Database) throws {
        func oneOf(_ column: String, _ values: [String]) -> String {
            "CHECK (" + values.map { "\(column) = '\($0)'" }.joined(separator: " OR ") + ")"
        }
        try db.execute(sql: """
            CREATE TABLE imports (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              file TEXT NOT NULL,
              file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
              layer TEXT NOT NULL \(oneOf("layer", ["parcels", "buildings"])),
              mode TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT NOT NULL,
              recorded_by TEXT NOT NULL,
              features INTEGER NOT NULL,
              added INTEGER NOT NULL,
              updated INTEGER NOT NULL,
              unchanged INTEGER NOT NULL,
              missing INTEGER NOT NULL,
              repaired INTEGER NOT NULL,
              rejected INTEGER NOT NULL,
              flagged INTEGER NOT NULL,
              outcome TEXT NOT NULL \(oneOf("outcome", ImportRecord.Outcome.allCases.map(\.rawValue))),
              message TEXT
            );
            CREATE TABLE import_issues (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              import_id INTEGER NOT NULL REFERENCES imports(id),
              position INTEGER,
              feature_id TEXT,
              field TEXT,
              rule TEXT NOT NULL,
              value TEXT,
              action TEXT NOT NULL \(oneOf("action", ImportIssue.Action.allCases.map(\.rawValue))),
              message TEXT NOT NULL,
              location TEXT
            );
            CREATE INDEX import_issues_by_import ON import_issues(import_id, id);
            \(LifecycleSchema.appendOnlyTriggers("imports"))
            \(LifecycleSchema.appendOnlyTriggers("import_issues"))
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
            VALUES ('imports', 'attributes', 'imports', 'Import log: every import, its file, outcome and counts');
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
            VALUES ('import_issues', 'attributes', 'import_issues', 'Import log: every problem found in an imported file');
            """)
    }
}

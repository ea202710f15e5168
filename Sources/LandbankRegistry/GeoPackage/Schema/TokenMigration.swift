import GRDB

/// Migration 7: the server's API tokens (issue 14). Only each token's SHA-256 is kept, never the token itself;
/// a name is unique among the tokens not revoked, and a revoked token stays listed with the time it ended. Not
/// registered in `gpkg_contents`, so that GIS tools do not show the digests as a layer.
enum TokenMigration {
    static let name = "v8-api-tokens"

    static func run(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE landbank_tokens (
              id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
              name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
              role TEXT NOT NULL CHECK (role = 'clerk' OR role = 'officer' OR role = 'leader' OR role = 'public'),
              token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
              created_at TEXT NOT NULL,
              revoked_at TEXT
            );
            CREATE UNIQUE INDEX landbank_tokens_active_name ON landbank_tokens(name) WHERE revoked_at IS NULL;
            """)
    }
}

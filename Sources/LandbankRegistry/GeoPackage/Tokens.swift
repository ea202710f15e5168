import GRDB

/// The server's API tokens, kept as SHA-256 digests (migration 7).
extension GeoPackageAccess {
    func apiTokens() throws -> [StoredToken] {
        try db.fetchAllCached(sql: """
            SELECT name, role, token_sha256, created_at, revoked_at FROM landbank_tokens ORDER BY id
            """).compactMap { row in
            // The CHECK constraint admits only known roles; a row edited outside landbank to another is skipped
            // (it authenticates no one) rather than stopping every request.
            guard let role = TokenRole(rawValue: row["role"]) else { return nil }
            return StoredToken(name: row["name"], role: role, digest: row["token_sha256"], createdAt: row["created_at"],
                               revokedAt: row["revoked_at"])
        }
    }

    func putToken(_ t: StoredToken) throws {
        try db.execute(sql: """
            INSERT INTO landbank_tokens (name, role, token_sha256, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [t.name, t.role.rawValue, t.digest, t.createdAt, t.revokedAt])
    }

    func revokeToken(name: String, at time: String) throws -> Bool {
        try db.execute(sql: "UPDATE landbank_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                       arguments: [time, name])
        return db.changesCount > 0
    }
}

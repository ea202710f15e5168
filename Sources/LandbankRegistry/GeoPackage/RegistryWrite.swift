import GRDB

extension GeoPackageStore {
    /// Runs `body` in one write transaction (all or nothing) marked as landbank's own: while the marker row is
    /// there the capture triggers stand aside (the edit is landbank's, recorded by landbank) and a missing history
    /// hash may be sealed. The marker is removed before commit, so no other program ever sees it.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try refuseIfReadOnly()
        return try queue.withTurn {
            try db.write { db in
                try Self.markWriting(db)
                let result = try body(db)
                try Self.unmarkWriting(db)
                return result
            }
        }
    }

    static func markWriting(_ db: Database) throws {
        try db.executeCached(sql: "INSERT OR REPLACE INTO landbank_writing (id) VALUES (1)")
    }

    static func unmarkWriting(_ db: Database) throws {
        try db.executeCached(sql: "DELETE FROM landbank_writing")
    }

    func refuseIfReadOnly() throws {
        if readOnly { throw RegistryError(path: path, kind: .readOnly, "was opened for reading only; this command writes") }
    }
}

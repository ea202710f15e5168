import GRDB

/// Statements that a server runs on every request (a recorded event, an ETag's version, a token check) are
/// prepared once per connection and kept in GRDB's statement cache: preparing an UPDATE of `parcels` compiles
/// its triggers (the R*Trees, the site index, the zones' boxes, the captured edits), which cost more than running
/// it. Only for SQL whose text is one of a few (table names from a fixed list, never a list of values).
extension Database {
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func fetchAllCached(sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchOneCached(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}

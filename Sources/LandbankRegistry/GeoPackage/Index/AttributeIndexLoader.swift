import GRDB

/// Builds the site-query B-tree indexes (migration 5) in one pass after a bulk import into a small layer,
/// instead of inserting into each of them for every row: inside the import's transaction the layer's indexes
/// are dropped and created again at the end, sorted once. A rollback restores them with everything else. An
/// import into a layer that already holds many rows keeps them and inserts as it goes.
struct AttributeIndexLoader {
    /// Up to this many rows already in the layer, rebuilding after the import is cheap.
    static let rebuildBelow = 10_000

    let db: Database
    private let rebuild: [String]

    init(_ db: Database, table: String) throws {
        self.db = db
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        guard rows < Self.rebuildBelow else { rebuild = []; return }
        let indexes = QueryIndexMigration.indexes(on: table)
        for i in indexes { try db.execute(sql: "DROP INDEX \(i.name)") }
        rebuild = indexes.map(\.sql)
    }

    func finish() throws {
        for sql in rebuild { try db.execute(sql: sql) }
    }
}

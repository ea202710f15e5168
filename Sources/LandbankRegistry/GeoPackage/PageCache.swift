import GRDB

/// The writer connection's page cache, and the smaller ones that bulk work runs under so that an import's
/// memory stays flat (a page cache fills up to its limit and stays there for the connection's life).
enum PageCache {
    /// Every connection: enough for the R*Trees' working set under queries.
    static let connectionKiB = 65536
    /// An import's transaction: its inserts append at the end of each table and index.
    static let importKiB = 12288
    /// How much of the file a reader connection maps (`PRAGMA mmap_size`): as much as SQLite allows (it lowers
    /// the figure to its build's limit, 2 GiB on Debian); pages never read take no memory. A page read through
    /// the map is not copied, and survives the writer's commits, which empty a reader's page cache: with 1 GiB,
    /// the million-parcel registry's site index, rebuilt at the file's end by migration 17, was read half
    /// through the page cache, again after each write.
    static let readerMapBytes = 1 << 40

    /// Runs `body` with a page cache of `kiB`, then gives the connection back the cache it had.
    static func with<T>(kiB: Int, _ db: Database, _ body: () throws -> T) throws -> T {
        let before = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -connectionKiB
        try db.execute(sql: "PRAGMA cache_size = -\(kiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(before)") }
        return try body()
    }
}

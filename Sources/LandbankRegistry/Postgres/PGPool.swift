import Foundation

/// A small pool of libpq connections to one database, and the transactions landbank runs on them.
///
/// Each `read` or `write` takes a connection of its own for its length (libpq connections are not thread-safe),
/// so any number of threads may call at once; at most `maxIdle` connections are kept open between calls.
///
/// - `read`: REPEATABLE READ READ ONLY — one snapshot for the whole body, and it never waits for a writer.
/// - `write`: one transaction that first takes landbank's writer lock (a transaction-scoped advisory lock), so
///   landbank's writers follow one another as they do on a GeoPackage. The history's hash chain needs it: each
///   event hashes the one before it, so two writers may not append at once. Readers never take the lock.
///   A serialization failure or deadlock (other programs writing) rolls back and runs the body again, up to
///   `attempts` times, then throws a conflict.
///
/// `@unchecked Sendable`: the only mutable state, `idle`, is guarded by `lock`; a connection is used by one
/// transaction (one thread) at a time.
final class PGPool: @unchecked Sendable {
    let url: PGURL
    private let lock = NSLock()
    private var idle: [PGConnection] = []
    private let maxIdle = 8
    private let attempts = 5
    /// The advisory lock's key: "landbank" as a number, the same in every process.
    static let writerLock: Int64 = 0x6c616e_6462616e6b

    init(_ url: PGURL) { self.url = url }

    /// A connection for the length of `body`, put back afterwards if it is still sound.
    func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let c: PGConnection = try lock.withLock { idle.popLast() } ?? PGConnection(url)
        defer {
            if c.isOK { lock.withLock { if idle.count < maxIdle { idle.append(c) } } }
        }
        return try body(c)
    }

    func read<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try withConnection { c in
            try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let value = try body(c)
                try c.execute("COMMIT")
                return value
            } catch {
                try? c.execute("ROLLBACK")
                throw error
            }
        }
    }

    func write<T>(_ body: (PGConnection) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try withConnection { c in
                    try c.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                    do {
                        try c.query("SELECT pg_advisory_xact_lock($1)", [Self.writerLock])
                        let value = try body(c)
                        try c.execute("COMMIT")
                        return value
                    } catch {
                        try? c.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let e as PGError where e.isRetryable && attempt < attempts {
                attempt += 1
                usleep(useconds_t(Int.random(in: 5_000...50_000) * attempt))
            }
        }
    }
}

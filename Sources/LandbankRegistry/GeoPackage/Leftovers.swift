import Foundation
import GRDB

/// What a killed landbank process leaves beside the registry, removed by the next command that opens it:
/// the dead writer's `WriterNote`, the `WriterQueue`'s lock file when no one holds it, and a rollback journal that is not hot (SQLite zeroes a journal's header until
/// the journal is synced; such a journal holds nothing to roll back, and SQLite deletes it only at the next
/// write's commit, so a read-only command would otherwise leave it lingering).
enum Leftovers {
    static func clean(registry path: String) {
        WriterNote.remove(for: path)  // only a dead process's: a live writer's note stays
        WriterQueue.removeIfIdle(registry: path)
        foldWAL(path)
        let journal = path + "-journal"
        guard FileManager.default.fileExists(atPath: journal) else { return }
        // Under SQLite's EXCLUSIVE lock no other process is writing, so the journal is no one's: a hot one is
        // rolled back by SQLite itself as it takes the lock; a cold one is garbage. Busy, read-only, anything
        // else: leave it for a later command.
        var c = Configuration()
        c.busyMode = .immediateError
        guard let queue = try? DatabaseQueue(path: path, configuration: c) else { return }
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            if Self.isCold(journal) { unlink(journal) }
        }
        try? queue.close()
    }

    /// Folds a WAL that no one holds back into the file and removes -wal and -shm: a killed process's, or
    /// the one a reading process leaves (read-only connections never remove it). A writable connection that
    /// closes last checkpoints it and removes both files; uncommitted frames of a dead writer are ignored.
    /// Busy (another process has the file open) or read-only: nothing is done, and SQLite reads through it.
    static func foldWAL(_ path: String) {
        guard FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path + "-shm") else { return }
        var c = Configuration()
        c.busyMode = .immediateError
        guard let queue = try? DatabaseQueue(path: path, configuration: c) else { return }
        _ = try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        try? queue.close()
    }

    /// A journal whose first 8 bytes (the magic number) are not yet written, or an empty one.
    static func isCold(_ journal: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: journal) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        return head.allSatisfy { $0 == 0 }
    }
}

import Foundation
import GRDB

/// A note beside the registry, `<registry>.writer`, naming the landbank process that holds its write lock:
/// its pid, its command and when it started. SQLite says only that the file is locked, not by whom; a process
/// that has to wait reads this note to tell the clerk who it waits for.
///
/// The note is written when a transaction makes its first change (the moment the write lock is surely held),
/// removed at commit or rollback, and ignored when its pid is no longer alive (a killed writer), so a stale note
/// misleads no one; the next writer overwrites it and `Registry.open` removes it. It is advisory: a process that
/// is not landbank (QGIS, sqlite3) leaves none, and then the message says only "another process".
struct WriterNote: Equatable, Sendable {
    var pid: Int32
    var command: String
    var started: Date

    static func path(for registry: String) -> String { registry + ".writer" }

    /// "import, pid 4242, started 12:03" (the date too when it was not today).
    var summary: String {
        let f = DateFormatter()
        f.dateFormat = Calendar.current.isDateInToday(started) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return "\(command), pid \(pid), started \(f.string(from: started))"
    }

    /// Writes the note in one `write` so that a reader sees all of it or an empty file. Failures are ignored:
    /// a registry in a directory this process cannot write into still works, its waiters just learn less.
    func write(for registry: String) {
        let text = "\(pid)\t\(Int(started.timeIntervalSince1970))\t\(command)\n"
        let fd = open(Self.path(for: registry), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { Foundation.write(fd, $0.baseAddress!, $0.count - 1) }
        close(fd)
    }

    /// The note of a live process, or nil.
    static func read(for registry: String) -> WriterNote? {
        guard let data = FileManager.default.contents(atPath: path(for: registry)) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines).split(separator: "\t", maxSplits: 2)
        guard fields.count == 3, let pid = Int32(fields[0]), let t = Double(fields[1]), isAlive(pid) else { return nil }
        return WriterNote(pid: pid, command: String(fields[2]), started: Date(timeIntervalSince1970: t))
    }

    /// Removes the note if it is this process's, if its process is gone, or if it names no process: a writer
    /// killed between `open` (which truncates) and `write` leaves an empty note. A live writer's note is empty
    /// only for the instant between those two calls; losing it then costs a waiter nothing but the name.
    static func remove(for registry: String, ifOwnedBy pid: Int32? = nil) {
        let p = path(for: registry)
        guard let data = FileManager.default.contents(atPath: p) else { return }
        guard let owner = Int32(String(decoding: data, as: UTF8.self).prefix { $0 != "\t" }) else { unlink(p); return }
        if owner == pid || !isAlive(owner) { unlink(p) }
    }

    static func isAlive(_ pid: Int32) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) }

    /// What this process is doing, for the note: the words of its command line before the registry's path
    /// ("import", "building import", "contract set"), else the program's name.
    static func currentCommand(registry: String) -> String {
        let words = CommandLine.arguments.dropFirst().prefix { $0 != registry && !$0.hasPrefix("-") }.prefix(2)
        return words.isEmpty ? ProcessInfo.processInfo.processName : words.joined(separator: " ")
    }
}

/// Writes the `WriterNote` at a transaction's first change and removes it when the transaction ends.
/// Thread rule: a connection's observer is called on that connection's thread only.
final class WriterNoteObserver: TransactionObserver {
    let registry: String
    let note: WriterNote
    private var written = false

    init(registry: String, note: WriterNote) {
        self.registry = registry
        self.note = note
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }

    func databaseDidChange(with event: DatabaseEvent) {
        note.write(for: registry)
        written = true
        // One note per transaction: the rows of a long import cost nothing more.
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) { end() }
    func databaseDidRollback(_ db: Database) { end() }

    private func end() {
        guard written else { return }
        written = false
        WriterNote.remove(for: registry, ifOwnedBy: note.pid)
    }
}

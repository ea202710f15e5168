import Foundation

/// Turns for the registry's write lock between landbank processes, handed over in the order the waiters are
/// woken rather than by who polls at the right instant.
///
/// Why: SQLite's own wait is a busy handler that sleeps and retries. A process that writes one transaction
/// after another (a clerk's `record --csv`, a second server) releases the lock and takes it again within
/// microseconds, while the others sleep through that gap: measured with 8 writer processes on a 1,000,000-parcel
/// registry, 6 of the 8 gave up after 30 s. Here each write first takes an exclusive `flock` on
/// `<registry>.lock`; a process that has to wait blocks in the kernel and is woken the moment the lock is
/// released, so turns go round. SQLite's lock and busy handler still stand behind it for programs that are
/// not landbank (QGIS, sqlite3), which do not know this file.
///
/// The lock file is removed when the last writer closes the registry with no one waiting (`removeIfIdle`).
/// A directory this process cannot write into gets no queue: SQLite's wait alone then applies.
final class WriterQueue: Sendable {
    let registry: String
    let limit: TimeInterval
    let onWait: (@Sendable (RegistryWait) -> Void)?

    static func path(for registry: String) -> String { registry + ".lock" }

    init(registry: String, limit: TimeInterval, onWait: (@Sendable (RegistryWait) -> Void)?) {
        self.registry = registry
        self.limit = limit
        self.onWait = onWait
    }

    /// Runs `body` holding this process's turn. Throws `.busy` (as SQLite's wait does) after `limit` seconds.
    func withTurn<T>(_ body: () throws -> T) throws -> T {
        var held: Int32?
        switch Self.take(Self.path(for: registry), blocking: false) {
        case .held(let fd): held = fd
        case .unavailable: held = nil
        case .busy: held = try wait()
        }
        defer { if let held { close(held) } }
        return try body()
    }

    enum Attempt { case held(Int32), busy, unavailable }

    /// Opens (creating it if need be) and locks the file. A lock on a file that was removed meanwhile (by
    /// `removeIfIdle` in a process that finished) is a lock on nothing: then the current file is taken instead.
    static func take(_ path: String, blocking: Bool) -> Attempt {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { return .unavailable }
            var r: Int32
            repeat { r = flock(fd, blocking ? LOCK_EX : LOCK_EX | LOCK_NB) } while r != 0 && errno == EINTR
            if r != 0 {
                let busy = errno == EWOULDBLOCK
                close(fd)
                return busy ? .busy : .unavailable
            }
            var mine = stat(), current = stat()
            if fstat(fd, &mine) == 0, stat(path, &current) == 0, mine.st_ino == current.st_ino, mine.st_dev == current.st_dev {
                return .held(fd)
            }
            close(fd)
        }
    }

    /// Removes the lock file when no one holds it, so that a registry at rest is one file again. Called when a
    /// writable store closes, and when any command opens the registry (what a killed writer left). A process that opened the file just before is not misled: `take` sees the file
    /// gone and takes the new one.
    static func removeIfIdle(registry: String) {
        let path = Self.path(for: registry)
        guard FileManager.default.fileExists(atPath: path), case .held(let fd) = Self.take(path, blocking: false) else { return }
        unlink(path)
        close(fd)
    }

    /// Blocks in `flock` on a thread of its own, so that the wait can end after `limit` and say who it waits
    /// for after `BusyWait.announceAfter`. Returns the descriptor that holds the lock (nil: no queue here).
    private func wait() throws -> Int32? {
        let turn = Turn()
        let path = Self.path(for: registry)
        let waiter = Thread {
            guard case .held(let fd) = Self.take(path, blocking: true) else { turn.settle(nil); return }
            // A wait given up meanwhile: the turn passes straight on.
            if !turn.settle(fd) { close(fd) }
        }
        waiter.start()
        let started = Date()
        var announced = false
        while true {
            let left = limit - Date().timeIntervalSince(started)
            if left <= 0 { break }
            let slice = announced ? left : min(left, BusyWait.announceAfter - Date().timeIntervalSince(started))
            if turn.done.wait(timeout: .now() + max(0, slice)) == .success { return turn.fd }
            if !announced {
                announced = true
                onWait?(RegistryWait(path: registry, writer: WriterNote.read(for: registry)?.summary, limit: limit))
            }
        }
        if turn.abandon() { return turn.fd }
        let who = WriterNote.read(for: registry).map { "being written by another landbank process (\($0.summary))" }
            ?? "being written by another landbank process"
        throw RegistryError(path: registry, kind: .busy, "\(who) for over \(Int(limit)) s; try again when it finishes")
    }

    /// The outcome of one wait, settled once: by the waiting thread (got the lock, or no lock file) or by the
    /// caller giving up, whichever comes first.
    private final class Turn: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var settled = false
        private(set) var fd: Int32?

        /// The waiting thread's result; false when the caller had already given up.
        @discardableResult
        func settle(_ fd: Int32?) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if settled { return false }
            settled = true
            self.fd = fd
            done.signal()
            return true
        }

        /// The caller gives up; true when the thread had settled first after all (the lock is ours: use it).
        func abandon() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if settled { return fd != nil }
            settled = true
            return false
        }
    }
}

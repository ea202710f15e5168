import Foundation
import GRDB

/// A process waiting for the registry because another one holds it, reported to `Registry.open`'s `onWait`
/// once per wait, after `BusyWait.announceAfter`: the library never prints, the face says it.
public struct RegistryWait: Sendable, CustomStringConvertible {
    public var path: String
    /// Who holds it, when that is a landbank process that left a `WriterNote`: "import, pid 4242, started 12:03".
    public var writer: String?
    /// How long this process will wait in all before giving up, seconds.
    public var limit: TimeInterval

    public var description: String {
        "waiting for \(path): \(writer.map { "being written by another landbank process (\($0))" } ?? "in use by another process")"
            + ", for up to \(Int(limit)) s…"
    }
}

/// SQLite's busy handler for one connection: sleeps and retries for up to `limit` seconds in all (as the fixed
/// `busy_timeout` did), and after `announceAfter` seconds tells `onWait` who is being waited for.
///
/// `@unchecked Sendable`: SQLite calls the handler on the connection's thread, one call at a time, so the
/// mutable state is never touched concurrently.
final class BusyWait: @unchecked Sendable {
    /// The wait `busy_timeout` gave before: long enough for a colleague's `record`, short enough to notice.
    static let defaultLimit: TimeInterval = 30
    static let announceAfter: TimeInterval = 1

    let path: String
    let limit: TimeInterval
    let onWait: (@Sendable (RegistryWait) -> Void)?
    private var started = Date()
    private var announced = false

    init(path: String, limit: TimeInterval = defaultLimit, onWait: (@Sendable (RegistryWait) -> Void)?) {
        self.path = path
        self.limit = limit
        self.onWait = onWait
    }

    /// SQLite's question "retry?", `tries` counting from 0 within one wait.
    func retry(_ tries: Int) -> Bool {
        if tries == 0 {
            started = Date()
            announced = false
        }
        let waited = Date().timeIntervalSince(started)
        if waited >= limit { return false }
        if !announced && waited >= Self.announceAfter {
            announced = true
            onWait?(RegistryWait(path: path, writer: WriterNote.read(for: path)?.summary, limit: limit))
        }
        // Short sleeps first, so that a brief lock costs little; then 50 ms.
        usleep(useconds_t(min(50_000, 1_000 * (1 << min(tries, 6)))))
        return true
    }
}

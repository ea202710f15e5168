import Foundation
import LandbankRegistry

/// Matchers kept between requests (the server), one per thread: a matcher remembers what it read (the sites found
/// without a point, which on a large registry cost far more than a demand's own search; policies; neighbours), so
/// a request that finds its thread's matcher answers from memory. A matcher is used only while the registry's
/// change stamp is the one it was made under; after a commit (by the server or another process) the thread gets
/// a renewed one (`Matcher.renewed`: nothing remembered, the policies read again, the site search and its PROJ
/// transformations kept; the server's computation threads live on, `ThreadExecutor`).
///
/// Why per thread: a matcher's site search holds PROJ objects of the context of the thread that made it, and a
/// PROJ context must not be used by two threads at once.
///
/// Thread rule: each matcher is used by its thread only; the pool itself is shared.
public final class MatcherPool: @unchecked Sendable {
    let registry: Registry
    /// The most threads whose matchers are kept (a server's computation threads are fewer).
    let keep: Int
    private let lock = NSLock()
    private var kept: [ObjectIdentifier: (matcher: Matcher, stamp: Int64)] = [:]

    public init(registry: Registry, keep: Int = 64) {
        self.registry = registry
        self.keep = keep
    }

    /// Runs `body` with this thread's matcher, valid for the registry as it is now.
    public func use<T>(_ body: (Matcher) throws -> T) throws -> T {
        // Read before the matcher reads anything: a commit during `body` makes the stamp kept stale, never fresh.
        let stamp = try registry.changeStamp()
        let thread = ObjectIdentifier(Thread.current)
        let known = lock.withLock { kept.removeValue(forKey: thread) }
        // A matcher kept from before a commit remembers what may have changed: renewed, keeping its PROJ objects.
        let matcher = try known.map { $0.stamp == stamp ? $0.matcher : try $0.matcher.renewed() } ?? Matcher(registry: registry)
        let result = try body(matcher)
        lock.withLock {
            if kept.count >= keep { kept.removeAll() }
            kept[thread] = (matcher, stamp)
        }
        return result
    }

    /// How many matchers are kept (for tests).
    var idleCount: Int { lock.withLock { kept.count } }
}

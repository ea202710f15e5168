import Foundation
import LandbankRegistry

/// Matchers kept between requests (the server): a matcher remembers what it read (the sites found without a
/// point, which on a large registry cost far more than a demand's own search; policies; neighbours), so a
/// request that finds an idle one answers from memory. A matcher is taken only while the registry's change
/// stamp is the one it was made under; anything committed since (by the server or another process) retires it.
///
/// Thread rule: each matcher is used by one request at a time; the pool itself is shared.
public final class MatcherPool: @unchecked Sendable {
    let registry: Registry
    let keep: Int
    private let lock = NSLock()
    private var idle: [(matcher: Matcher, stamp: Int64)] = []

    public init(registry: Registry, keep: Int = 8) {
        self.registry = registry
        self.keep = keep
    }

    /// Runs `body` with a matcher valid for the registry as it is now.
    public func use<T>(_ body: (Matcher) throws -> T) throws -> T {
        // Read before the matcher reads anything: a commit during `body` makes the stamp kept stale, never fresh.
        let stamp = try registry.changeStamp()
        let kept: Matcher? = lock.withLock {
            idle.removeAll { $0.stamp != stamp }
            return idle.popLast()?.matcher
        }
        let matcher = try kept ?? Matcher(registry: registry)
        let result = try body(matcher)
        lock.withLock { if idle.count < keep { idle.append((matcher, stamp)) } }
        return result
    }

    /// How many idle matchers are kept (for tests).
    var idleCount: Int { lock.withLock { idle.count } }
}

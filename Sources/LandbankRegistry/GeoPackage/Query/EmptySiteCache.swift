import Foundation

/// The site-index bounds that found nothing, remembered while the registry stays unchanged (`ChangeWatch`'s
/// stamp), so that asking again — an investor's impossible demand re-sent, a map panning over the same filter —
/// is answered without a reader connection or a statement. Any commit, by any process, changes the stamp and
/// forgets them all. At most `capacity` are kept.
final class EmptySiteCache: @unchecked Sendable {
    static let capacity = 256
    private let lock = NSLock()
    private var stamp: Int64 = .min
    private var empty: Set<Key> = []

    /// One layer's site conditions, with their values (bit for bit).
    struct Key: Hashable {
        var tree: String
        var conditions: [String]
        var values: [UInt64]
    }

    static func key(_ layer: SpatialLayer, _ site: SiteConditions) -> Key {
        Key(tree: layer.rtree, conditions: site.conditions.map(\.0), values: site.conditions.map(\.1.bitPattern))
    }

    func isKnownEmpty(_ key: Key, stamp: Int64) -> Bool {
        lock.withLock { self.stamp == stamp && empty.contains(key) }
    }

    /// Notes that nothing matched `key` in the state of the file `stamp` was read before.
    func noteEmpty(_ key: Key, stamp: Int64) {
        lock.withLock {
            if self.stamp != stamp || empty.count >= Self.capacity {
                self.stamp = stamp
                empty = []
            }
            empty.insert(key)
        }
    }
}

import Foundation
import GRDB

/// Tells whether anything was committed to the registry since the last look: `PRAGMA data_version` on one
/// connection of its own, which changes whenever another connection of this process or another process commits.
/// What a long-lived reader caches (a server's matchers: the sites found without a point, policies, neighbours)
/// stays valid while the stamp stays the same. One read-only connection, opened at the first look; looks are
/// serialised by a lock (a few microseconds each).
final class ChangeWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: DatabaseQueue?

    func stamp(path: String) throws -> Int64 {
        try lock.withLock {
            if queue == nil {
                let target = GeoPackageStore.writable(path) ? path : GeoPackageStore.immutableURI(path)
                queue = try DatabaseQueue(path: target, configuration: GeoPackageStore.configuration(readOnly: true))
            }
            return try queue!.inDatabase { try Int64.fetchOne($0.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
        }
    }
}

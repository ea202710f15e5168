import Foundation

/// Serialises the server's conditional writes: the If-Match check and the write it guards run as one step
/// within this process, so two requests holding the same ETag cannot both pass the check. (A write by another
/// process between the check and the write is still possible; `Registry` would need a conditional write to
/// close that, see the README.) Runs off the cooperative pool, like every registry call.
final class WriteGate: Sendable {
    private let queue = DispatchQueue(label: "landbank.server.writes")

    func serialised<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

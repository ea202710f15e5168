import Dispatch

/// Runs the registry's synchronous calls off Swift's cooperative pool: a read that takes a while (a match, an
/// export) or a write waiting for another process must not hold one of the few threads every request shares.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}

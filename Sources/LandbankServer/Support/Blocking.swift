import NIOPosix

/// Runs the registry's synchronous calls off Swift's cooperative pool, on a pool of threads of their own
/// (SwiftNIO's `NIOThreadPool`): a read that takes a while (stats or a report over a million parcels, an export)
/// or a write waiting for another process's turn (`WriterQueue`) must not hold one of the few threads every
/// request, timer and connection shares.
///
/// Why not Dispatch's global queue: on Linux Swift's cooperative pool runs on it too, and it adds threads only for
/// blocked ones, not busy ones, so two busy reads on this 2-core machine stopped every other request.
/// Long computations (match, batch, blocks) go through `Computations` and `ThreadExecutor` instead, which bound
/// them and let them see their task's cancellation.
enum Blocking {
    /// 64 threads, as many as Dispatch would add for blocked ones: most calls are short reads, but a write may wait
    /// up to the busy limit for its turn, and the reads queued behind a full pool would wait with it.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 64)
        pool.start()
        return pool
    }()

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}

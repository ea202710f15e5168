/// Runs the registry's synchronous calls off Swift's cooperative pool: a read that takes a while (a match, an
/// export) or a write waiting for another process must not hold one of the few threads every request shares.
///
/// They run on threads that live on (`ThreadExecutor.blocking`), not on Dispatch's global queue: each thread keeps
/// its PROJ context and transformations (`ThreadGeodesy`), and Dispatch's workers come and go under load, so that
/// a parcel's detail (its centroid in WGS 84) paid a new context and transformation, 0.1-0.2 s, on every new
/// worker (measured with the writers of `scripts/bench-serve.sh`: GET /api/parcels/{id} 44-197 ms).
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withTaskExecutorPreference(ThreadExecutor.blocking) { try body() }
    }
}

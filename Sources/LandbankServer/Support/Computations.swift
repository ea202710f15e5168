import Foundation
import Hummingbird

/// The server's long computations (matching, batches, blocks, grading, the batches' ledger): at most `width` run at
/// once, each on a thread of its own; up to `queueBound` more wait in turn, and past that a request is refused (503
/// with Retry-After) rather than queued without end. Each request has until its deadline (`--request-timeout`,
/// counted from when it asks for a slot, its body read; waiting included): past it the answer is 503, and the
/// work — like the work of a client that went away — is cancelled and stops at its next check (the matcher's
/// rounds and candidates, the batch's demands, the blocks), giving back its thread and its slot.
///
/// Why: a match can take seconds and holds a thread and a matcher while it runs; unbounded, a few people matching
/// at once would take every thread and reader from the record and read routes, and a client that gave up would
/// leave its work running to the end.
///
/// Thread rule: shared by every request; the counts and the queue are behind a lock (hence `@unchecked Sendable`).
public final class Computations: @unchecked Sendable {
    public let width: Int
    public let queueBound: Int
    public let timeLimit: Duration
    /// Seconds a refused client is told to wait (Retry-After).
    let retryAfter = 2

    private let lock = NSLock()
    private var running = 0
    private var stopped = 0
    private var queue: [Once<Void>] = []

    public init(width: Int, queueBound: Int, timeLimit: Duration) {
        self.width = max(1, width)
        self.queueBound = max(0, queueBound)
        self.timeLimit = timeLimit
    }

    public convenience init(_ config: ServerConfig) {
        self.init(width: config.maxComputations, queueBound: config.computationQueue,
                  timeLimit: .milliseconds(Int(config.requestTimeoutSeconds * 1000)))
    }

    /// Computations holding a thread now (each until it ends or reaches its next cancellation check).
    public var runningCount: Int { lock.withLock { running } }
    /// Requests waiting for a slot.
    public var waitingCount: Int { lock.withLock { queue.count } }
    /// Computations stopped before their end (at the time limit, or their client gone) since the server started.
    public var stoppedCount: Int { lock.withLock { stopped } }

    /// Runs `body` (given the request's deadline, for a solver's own time limit) when a slot is free, on a thread of
    /// its own, and answers with its result — or with 503 at the deadline, or CancellationError when the client `watch`
    /// watches goes away; either way the body's task is cancelled. `route` names the request in errors.
    func run<T: Sendable>(_ route: String, watch: ClientWatch?,
                          _ body: @escaping @Sendable (ContinuousClock.Instant) throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + timeLimit
        try await admit(route, deadline: deadline, watch: watch)
        let work = Task(executorPreference: ThreadExecutor.shared) { [self] () throws -> T in
            defer { release() }
            do {
                try Task.checkCancellation()
                return try body(deadline)
            } catch let e as CancellationError {
                lock.withLock { stopped += 1 }
                throw e
            }
        }
        let outcome = Once<T>()
        let timer = Task { [self] in
            try await Task.sleep(until: deadline, clock: .continuous)
            work.cancel()
            outcome.finish(.failure(timedOut(route)))
        }
        let id = watch?.onGone { work.cancel(); outcome.finish(.failure(CancellationError())) }
        defer {
            timer.cancel()
            if let watch, let id { watch.remove(id) }
        }
        Task { outcome.finish(await work.result) }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            work.cancel()
            outcome.finish(.failure(CancellationError()))
        }
    }

    /// Takes a slot, waiting in turn for one; refuses when the queue is full, and gives up at the deadline or when
    /// the client goes away.
    private func admit(_ route: String, deadline: ContinuousClock.Instant, watch: ClientWatch?) async throws {
        let turn = try lock.withLock { () throws -> Once<Void>? in
            if running < width {
                running += 1
                return nil
            }
            guard queue.count < queueBound else { throw full(route) }
            let turn = Once<Void>()
            queue.append(turn)
            return turn
        }
        guard let turn else { return }
        // Out of the queue with an error, unless a slot was handed over meanwhile (then the turn has it).
        let giveUp: @Sendable (Error) -> Void = { [self] error in
            let left = lock.withLock { () -> Bool in
                guard let i = queue.firstIndex(where: { $0 === turn }) else { return false }
                queue.remove(at: i)
                return true
            }
            if left { turn.finish(.failure(error)) }
        }
        let timer = Task { [self] in
            try await Task.sleep(until: deadline, clock: .continuous)
            giveUp(timedOut(route))
        }
        let id = watch?.onGone { giveUp(CancellationError()) }
        defer {
            timer.cancel()
            if let watch, let id { watch.remove(id) }
        }
        try await withTaskCancellationHandler { try await turn.value() } onCancel: { giveUp(CancellationError()) }
    }

    /// Starts the computation threads in the background, `width` at once, each running `body` once (the server
    /// makes each thread's matcher: its PROJ context and transformations take a few hundred milliseconds, which
    /// the first requests after a start would otherwise wait for). Failures are left to the requests to meet.
    func warmUp(_ body: @escaping @Sendable () throws -> Void) {
        for _ in 0..<width { Task(executorPreference: ThreadExecutor.shared) { try? body() } }
    }

    /// Waits, up to `limit`, until no work runs on landbank's threads (the warm-up, computations, the registry's
    /// short calls). A server that stops must: exiting runs the C++ libraries' static destructors (PROJ's, GEOS's)
    /// under any thread still inside them, and a server stopped right after its start crashed in
    /// `proj_create_crs_to_crs` while a thread was still making its matcher.
    public func settle(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, !(ThreadExecutor.shared.isIdle && ThreadExecutor.blocking.isIdle) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// A computation ended: its slot goes to the first in the queue, or is freed.
    private func release() {
        let next = lock.withLock { () -> Once<Void>? in
            if queue.isEmpty {
                running -= 1
                return nil
            }
            return queue.removeFirst()
        }
        next?.finish(.success(()))
    }

    func timedOut(_ route: String) -> APIError {
        APIError(.serviceUnavailable, kind: "timeout",
                 "\(route): stopped at this server's time limit of \(Self.seconds(timeLimit)) s per request (landbank serve --request-timeout); ask for less, or run it with landbank on the command line (landbank match, blocks, grade, batch report), which has no time limit",
                 retryAfter: nil)
    }

    func full(_ route: String) -> APIError {
        APIError(.serviceUnavailable, kind: "busy",
                 "\(route): \(width) computations are running and \(queueBound) waiting, the most this server takes (landbank serve --max-computations, --computation-queue); try again in \(retryAfter) s",
                 retryAfter: retryAfter)
    }

    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? String(Int(s)) : String(format: "%.3g", s)
    }
}

extension Computations {
    /// `run` for a request: named by its method and path, watching its connection.
    func run<T: Sendable>(_ request: Request, _ context: AppContext,
                          _ body: @escaping @Sendable (ContinuousClock.Instant) throws -> T) async throws -> T {
        try await run("\(request.method) \(request.uri.path)", watch: await ClientWatch.of(context.connection), body)
    }
}

/// A result handed over once, to one waiter, whichever comes first: the work, the deadline, the client's going.
/// Thread rule: finished from any thread, awaited by one task; behind a lock (hence `@unchecked Sendable`).
final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, Error>?
    private var waiter: CheckedContinuation<T, Error>?

    /// The first result wins; later ones are dropped.
    func finish(_ r: Result<T, Error>) {
        let w = lock.withLock { () -> CheckedContinuation<T, Error>? in
            guard result == nil else { return nil }
            result = r
            defer { waiter = nil }
            return waiter
        }
        w?.resume(with: r)
    }

    func value() async throws -> T {
        try await withCheckedThrowingContinuation { c in
            let known = lock.withLock { () -> Result<T, Error>? in
                if result == nil { waiter = c }
                return result
            }
            if let known { c.resume(with: known) }
        }
    }
}

import Foundation
import LandbankGeodesy
import Testing
@testable import LandbankServer

/// The computations' threads live on, so that what a thread makes once (its PROJ context and transformations,
/// its matcher) serves the requests after it.
@Suite("The computations' threads")
struct ThreadExecutorTests {
    /// The thread a job ran on and its PROJ context.
    static func where_(_ executor: ThreadExecutor) async throws -> (ObjectIdentifier, ObjectIdentifier) {
        try await Task(executorPreference: executor) { try here() }.value
    }

    /// The calling thread, and its PROJ context (synchronous: `Thread.current` is refused in async code).
    static func here() throws -> (ObjectIdentifier, ObjectIdentifier) {
        (ObjectIdentifier(Thread.current), ObjectIdentifier(try ThreadGeodesy.current()))
    }

    @Test("jobs one after another run on one thread, which keeps its PROJ context")
    func reused() async throws {
        let executor = ThreadExecutor()
        var seen: [(ObjectIdentifier, ObjectIdentifier)] = []
        for _ in 0..<12 { seen.append(try await Self.where_(executor)) }
        // One thread, or a few when a job came before the thread of the one before it was waiting again (the
        // job's end wakes the test before its thread is back at its wait); a thread per job would be 12. Each
        // thread made its PROJ context once.
        #expect(executor.threadCount <= 4)
        let threads = Set(seen.map(\.0)).count
        #expect(threads <= executor.threadCount)
        #expect(Set(seen.map(\.1)).count == threads)
    }

    @Test("jobs at once get a thread each, and those threads serve the next jobs")
    func concurrent() async throws {
        let executor = ThreadExecutor()
        let gate = DispatchSemaphore(value: 0)
        let busy = (0..<3).map { _ in
            Task(executorPreference: executor) { () -> ObjectIdentifier in
                gate.wait()
                return try Self.here().0
            }
        }
        // Three jobs block their threads until the gate opens: none may wait for another's thread.
        try await Task.sleep(for: .milliseconds(200))
        #expect(executor.threadCount == 3)
        for _ in 0..<3 { gate.signal() }
        var threads = Set<ObjectIdentifier>()
        for t in busy { threads.insert(try await t.value) }
        #expect(threads.count == 3)
        for _ in 0..<6 { _ = try await Self.where_(executor) }
        #expect(executor.threadCount <= 6)
    }
}

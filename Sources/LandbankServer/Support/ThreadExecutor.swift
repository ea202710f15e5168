import Foundation

/// Runs the jobs of the tasks that prefer it on threads of its own, one job per thread at a time, so that a long
/// synchronous computation (a match, a batch, the blocks) runs inside its task — the matcher's loops then see the
/// task's cancellation (`Task.isCancelled`) when its client goes away or its time is up — without holding a
/// thread Swift or Dispatch needs for anything else.
///
/// The threads live on: a job goes to an idle one, and a new thread is started only when none is waiting
/// (`Computations` bounds how many run at once, so they stay few; a job that comes while the thread of the one
/// before is between its job's end and its next wait may start one more). A thread keeps what it made for itself — its
/// PROJ context and transformations (`ThreadGeodesy`, a few hundred milliseconds to make) and its matcher
/// (`MatcherPool`) — from one request to the next.
///
/// Why not Dispatch's global queue (as `Blocking.run`): on Linux Swift's cooperative pool runs on it too, and it
/// adds threads only for blocked ones, not busy ones. Measured on the 2-core machine: with three long matches on
/// it, every timer and every other request of the server waited for over a minute.
///
/// Thread rule: `enqueue` from any thread; the queue and the counts are behind a condition's lock.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ThreadExecutor()
    /// The threads of `Blocking.run`: the registry's short calls (a parcel's detail, a write), apart from the
    /// computations so that those never wait for them.
    static let blocking = ThreadExecutor(name: "landbank-blocking")

    private let name: String
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var idle = 0
    private var started = 0
    /// Jobs running now.
    private var running = 0

    /// Threads started so far (for tests: they are reused, not one per job).
    var threadCount: Int { condition.withLock { started } }
    /// Whether no job runs or waits.
    var isIdle: Bool { condition.withLock { jobs.isEmpty && running == 0 } }

    init(name: String = "landbank-computation") { self.name = name }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let startOne = condition.withLock { () -> Bool in
            jobs.append(job)
            // Idle threads are woken; a job beyond them gets a thread of its own.
            if jobs.count > idle {
                started += 1
                return true
            }
            condition.signal()
            return false
        }
        guard startOne else { return }
        let thread = Thread { [self] in work() }
        thread.name = name
        thread.start()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            let job = condition.withLock { () -> UnownedJob in
                while jobs.isEmpty {
                    idle += 1
                    condition.wait()
                    idle -= 1
                }
                running += 1
                return jobs.removeFirst()
            }
            job.runSynchronously(on: executor)
            condition.withLock { running -= 1 }
        }
    }
}

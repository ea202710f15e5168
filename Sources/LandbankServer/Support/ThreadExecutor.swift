import Foundation

/// Runs the jobs of the tasks that prefer it each on a thread of its own, so that a long synchronous computation
/// (a match, a batch, the blocks) runs inside its task — the matcher's loops then see the task's cancellation
/// (`Task.isCancelled`) when its client goes away or its time is up — without holding a thread Swift or Dispatch
/// needs for anything else.
///
/// Why not Dispatch's global queue (as `Blocking.run`): on Linux Swift's cooperative pool runs on it too, and it
/// adds threads only for blocked ones, not busy ones. Measured on the 2-core machine: with three long matches on
/// it, every timer and every other request of the server waited for over a minute. `Computations` bounds how many
/// run at once, so one thread per computation is few threads.
final class ThreadExecutor: TaskExecutor {
    static let shared = ThreadExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread { job.runSynchronously(on: executor) }
        thread.name = "landbank-computation"
        thread.start()
    }
}

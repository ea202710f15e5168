import Foundation
import LandbankRegistry

/// READERS threads share ONE `Registry` and run the three queries round-robin over the benchmark's points:
/// first for SECONDS on an idle registry (after as long a warm-up), then while `LANDBANK import REG ADD.geojson` runs in another
/// process (readers never wait for the writer: WAL). Prints queries/s for both and the import's wall time.
enum Concurrency {
    /// The readers' shared state: the stop flag and the totals (a lock: touched once a query, far below its cost).
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private(set) var queries = 0
        private(set) var failures: [String] = []

        var running: Bool { lock.withLock { !stopped } }
        func stop() { lock.withLock { stopped = true } }
        func add(_ n: Int, _ failure: String?) {
            lock.withLock {
                queries += n
                if let failure, failures.count < 5 { failures.append(failure) }
            }
        }
    }

    static func run(_ args: [String]) throws {
        guard args.count >= 3 else {
            FileHandle.standardError.write(Data("usage: bench-query --concurrency REG LANDBANK ADD.geojson [READERS] [SECONDS] [HALF_KM]\n".utf8))
            exit(2)
        }
        let (reg, landbank, addFile) = (args[0], args[1], args[2])
        let readers = args.count > 3 ? Int(args[3]) ?? 8 : 8
        let seconds = args.count > 4 ? Double(args[4]) ?? 5 : 5
        let halfKm = args.count > 5 ? Double(args[5]) ?? 150 : 150
        // Read-write, as a server would hold it; the import is another process's write.
        let registry = try Registry.open(at: reg)
        let spots = Workload.spots(200, halfKm: halfKm)

        // Warm-up: every reader connection's page cache, as a server that has been running a while has it.
        _ = try measure(registry, readers: readers, spots: spots) { Thread.sleep(forTimeInterval: seconds) }
        let idle = try measure(registry, readers: readers, spots: spots) { Thread.sleep(forTimeInterval: seconds) }
        print(String(format: "concurrency %d readers, one Registry, idle registry:          %8.0f queries/s (%d queries in %.1f s)",
                     readers, idle.rate, idle.count, idle.seconds))
        var importSeconds = 0.0
        let busy = try measure(registry, readers: readers, spots: spots) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: landbank)
            p.arguments = ["import", reg, addFile]
            p.standardOutput = FileHandle.nullDevice
            let t0 = Date()
            try p.run()
            p.waitUntilExit()
            importSeconds = Date().timeIntervalSince(t0)
            guard p.terminationStatus == 0 else { throw BenchError("landbank import exited with \(p.terminationStatus)") }
        }
        print(String(format: "concurrency %d readers, one Registry, during a 100k import:  %8.0f queries/s (%d queries in %.1f s)",
                     readers, busy.rate, busy.count, busy.seconds))
        print(String(format: "import of %@ with %d readers running: %.1f s", (addFile as NSString).lastPathComponent, readers, importSeconds))
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Runs the readers while `during` runs on this thread; returns queries, seconds and queries/s.
    static func measure(_ registry: Registry, readers: Int, spots: [(Double, Double)],
                        during: () throws -> Void) throws -> (count: Int, seconds: Double, rate: Double) {
        let tally = Tally()
        let done = DispatchGroup()
        for r in 0..<readers {
            done.enter()
            let t = Thread {
                defer { done.leave() }
                do {
                    // One SiteSearch per thread: it holds this thread's PROJ transformations.
                    let queries = Workload.queries(try SiteSearch(registry))
                    var i = r * 37
                    var n = 0
                    while tally.running {
                        let (lon, lat) = spots[i % spots.count]
                        _ = try queries[i % queries.count].1(lon, lat)
                        i += 1
                        n += 1
                        if n == 16 { tally.add(n, nil); n = 0 }
                    }
                    tally.add(n, nil)
                } catch {
                    tally.add(0, "\(error)")
                }
            }
            t.start()
        }
        let t0 = Date()
        let outcome = Result { try during() }
        tally.stop()
        done.wait()
        let seconds = Date().timeIntervalSince(t0)
        try outcome.get()
        if let f = tally.failures.first { throw BenchError("a reader failed: \(f)") }
        return (tally.queries, seconds, Double(tally.queries) / seconds)
    }
}

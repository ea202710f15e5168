import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Turns for the write lock among landbank processes")
struct WriterQueueTests {
    func setContract(_ registry: Registry, _ number: String) throws {
        try registry.setContract(parcelID: "XYGX-2023-001", SupplyContract(contractNumber: number, holder: "h", landPrice: Money(fen: 1),
                                                                           agreedStart: date("2031-01-01")), recordedBy: "clerk")
    }

    @Test("a write waits its turn behind another landbank process, says so once, and writes when the turn comes")
    func waitsItsTurn() throws {
        let r = try ledger()
        let holder = try QueueHolder(r.path, seconds: 2)
        let heard = Heard()
        let writer = try Registry.open(at: r.path, readOnly: false, busyLimit: 10) { heard.add($0.description) }
        let start = Date()
        try setContract(writer, "TURN-1")
        // It waited for the queue (the holder's 2 s), not for SQLite's lock, which the holder never took.
        #expect(Date().timeIntervalSince(start) >= 1.5)
        #expect(try writer.contracts(parcelID: "XYGX-2023-001").contains { $0.contract.contractNumber == "TURN-1" })
        #expect(heard.lines.count == 1)
        #expect(heard.lines.first?.hasPrefix("waiting for \(r.path):") == true, "\(heard.lines)")
        holder.end()
    }

    @Test("a turn that does not come within the limit is busy, naming the process that writes, and nothing is written")
    func busyAfterTheLimit() throws {
        let r = try ledger()
        let holder = try QueueHolder(r.path, seconds: 4)
        WriterNote(pid: getpid(), command: "record", started: Date()).write(for: r.path)
        defer { WriterNote.remove(for: r.path, ifOwnedBy: getpid()) }
        let writer = try Registry.open(at: r.path, readOnly: false, busyLimit: 1, onWait: nil)
        var e: RegistryError?
        do { try setContract(writer, "TURN-2") } catch let error as RegistryError { e = error }
        #expect(e?.kind == .busy, "\(String(describing: e))")
        #expect(e?.message.contains("being written by another landbank process (record, pid \(getpid())") == true, "\(String(describing: e))")
        holder.end()
        #expect(try !writer.contracts(parcelID: "XYGX-2023-001").contains { $0.contract.contractNumber == "TURN-2" })
        // The turn it gave up passed on: the next write takes it at once.
        try setContract(writer, "TURN-3")
        #expect(try writer.contracts(parcelID: "XYGX-2023-001").contains { $0.contract.contractNumber == "TURN-3" })
    }

    @Test("the lock file lives only while a writer has the registry open")
    func lockFileGoes() throws {
        let r = try ledger()
        let lock = WriterQueue.path(for: r.path)
        do {
            let writer = try Registry.open(at: r.path, readOnly: false, busyLimit: 5, onWait: nil)
            try setContract(writer, "TURN-4")
            #expect(FileManager.default.fileExists(atPath: lock))
        }
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    @Test("several writers in one process, each with its own registry handle, all get their turns")
    func turnsGoRound() async throws {
        let r = try ledger()
        let path = r.path
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for w in 0..<4 {
                group.addTask {
                    let writer = try Registry.open(at: path, readOnly: false, busyLimit: 30, onWait: nil)
                    for i in 0..<25 { try setContract(writer, "W\(w)-\(i)") }
                    return 25
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(done == 100)
        #expect(try r.contracts(parcelID: "XYGX-2023-001").filter { $0.contract.contractNumber.hasPrefix("W") }.count == 100)
    }
}

/// Another landbank process's turn, held by python3 with `flock` on the queue's file for some seconds.
final class QueueHolder {
    let process = Process()

    init(_ registry: String, seconds: Double) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import fcntl, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(float(sys.argv[2]))
            """, WriterQueue.path(for: registry), String(seconds)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        _ = out.fileHandleForReading.availableData
    }

    func end() { process.waitUntilExit() }
}

import Foundation
import GRDB
import Testing
@testable import LandbankRegistry

@Suite("The registry file's failures, in one line")
struct StoreFailureTests {
    func openError(_ path: String, readOnly: Bool = true, busyLimit: TimeInterval = 30) -> RegistryError? {
        do {
            _ = try Registry.open(at: path, readOnly: readOnly, busyLimit: busyLimit, onWait: nil)
            return nil
        } catch let e as RegistryError {
            return e
        } catch {
            return RegistryError(path: path, "unmapped: \(error)")
        }
    }

    @Test("a directory, a missing file and a text file are each named for what they are")
    func notRegistries() throws {
        let dir = try scratchDirectory()
        let d = openError(dir)
        #expect(d?.kind == .notARegistry && d?.message.contains("directory") == true, "\(String(describing: d))")
        #expect(openError(dir + "/none.gpkg")?.message.contains("landbank init") == true)
        _ = FileManager.default.createFile(atPath: dir + "/notes.gpkg", contents: Data(repeating: 0x41, count: 4096))
        let t = openError(dir + "/notes.gpkg")
        #expect(t?.kind == .notARegistry && t?.description.hasPrefix(dir + "/notes.gpkg: ") == true, "\(String(describing: t))")
    }

    @Test("a truncated registry is damaged, and the message says to run verify")
    func truncated() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let copy = (r.path as NSString).deletingLastPathComponent + "/cut.gpkg"
        let data = try Data(contentsOf: URL(fileURLWithPath: r.path))
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: copy))
        // Opening may or may not touch a missing page; reading every parcel does.
        var failure: RegistryError?
        do {
            let damaged = try Registry.open(at: copy, readOnly: true)
            _ = try damaged.parcels(ParcelFilter(), limit: nil)
            _ = try damaged.stats(ParcelFilter())
        } catch {
            failure = Registry.storeFailure(error, registry: copy) as? RegistryError
        }
        #expect(failure?.kind == .damaged, "\(String(describing: failure))")
        #expect(failure?.message.contains("landbank verify \(copy)") == true)
        #expect(failure.map { !$0.description.contains("\n") } == true)
    }

    @Test("a write lock held past the wait: a write is busy, naming the landbank command that holds it")
    func busy() throws {
        let r = try newRegistry()
        let holder = try LockHolder(r.path, seconds: 4)
        WriterNote(pid: getpid(), command: "import", started: Date()).write(for: r.path)
        let start = Date()
        var e: RegistryError?
        do {
            let writer = try Registry.open(at: r.path, readOnly: false, busyLimit: 1.5, onWait: nil)
            try writer.setContract(parcelID: "none", SupplyContract(contractNumber: "C", holder: "h", landPrice: Money(fen: 1),
                                                                  agreedStart: date("2020-01-01")), recordedBy: "clerk")
        } catch let error as RegistryError { e = error } catch { e = RegistryError(path: r.path, "unmapped: \(error)") }
        #expect(Date().timeIntervalSince(start) >= 1.4)
        #expect(e?.kind == .busy, "\(String(describing: e))")
        #expect(e?.message.contains("being written by another landbank process (import, pid \(getpid()), started") == true)
        #expect(e?.message.contains("try again when it finishes") == true)
        holder.end()
        WriterNote.remove(for: r.path, ifOwnedBy: getpid())
    }

    @Test("a waiting write is announced once, after a second, and succeeds when the lock goes")
    func announcedWait() throws {
        let r = try ledger()
        let holder = try LockHolder(r.path, seconds: 2)
        let heard = Heard()
        let writer = try Registry.open(at: r.path, readOnly: false, busyLimit: 10) { heard.add($0.description) }
        try writer.setContract(parcelID: "XYGX-2023-001", SupplyContract(contractNumber: "WAIT-1", holder: "h", landPrice: Money(fen: 1),
                                                                         agreedStart: date("2031-01-01")), recordedBy: "clerk")
        #expect(try writer.contracts(parcelID: "XYGX-2023-001").contains { $0.contract.contractNumber == "WAIT-1" })
        #expect(heard.lines.count == 1)
        #expect(heard.lines.first?.hasPrefix("waiting for \(r.path): in use by another process") == true, "\(heard.lines)")
        holder.end()
    }

    @Test("a reader never waits for a writer: it reads the last committed state while the write lock is held")
    func readerDoesNotWait() throws {
        let r = try ledger()
        let before = try r.parcelCount
        let holder = try LockHolder(r.path, seconds: 3)
        let heard = Heard()
        let reader = try Registry.open(at: r.path, readOnly: true, busyLimit: 10) { heard.add($0.description) }
        #expect(try reader.parcelCount == before)
        #expect(try reader.stats().total.parcels == before)
        // Read while the other process still holds the lock, and nothing was announced: no wait happened.
        #expect(holder.process.isRunning)
        #expect(heard.lines.isEmpty, "\(heard.lines)")
        holder.end()
    }

    @Test("a writing transaction leaves a note naming its process while it runs, and none after")
    func writerNote() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("lonlat-sample.geojson"))
        #expect(!FileManager.default.fileExists(atPath: WriterNote.path(for: r.path)))
        // A killed writer's note is ignored, then removed by the next open.
        let dead = WriterNote(pid: 4_194_305, command: "import", started: Date())
        dead.write(for: r.path)
        #expect(WriterNote.read(for: r.path) == nil)
        _ = try Registry.open(at: r.path, readOnly: true)
        #expect(!FileManager.default.fileExists(atPath: WriterNote.path(for: r.path)))
        // A writer killed between truncating the note and writing it leaves an empty one: removed too.
        FileManager.default.createFile(atPath: WriterNote.path(for: r.path), contents: Data())
        _ = try Registry.open(at: r.path, readOnly: true)
        #expect(!FileManager.default.fileExists(atPath: WriterNote.path(for: r.path)))
        // During a write the note is there: seen from inside the transaction.
        let seen = try r.db.write { db -> WriterNote? in
            try db.execute(sql: "UPDATE parcels SET name = name WHERE parcel_id = 'LL-001'")
            return WriterNote.read(for: r.path)
        }
        #expect(seen?.pid == getpid())
        #expect(!FileManager.default.fileExists(atPath: WriterNote.path(for: r.path)))
    }

    @Test("SQLite's store codes map to kinds; other errors pass through")
    func mapping() {
        let cases: [(ResultCode, RegistryError.Kind)] = [
            (.SQLITE_READONLY, .readOnly), (.SQLITE_CORRUPT, .damaged), (.SQLITE_NOTADB, .notARegistry),
            (.SQLITE_FULL, .diskFull), (.SQLITE_IOERR_READ, .io), (.SQLITE_CANTOPEN, .readOnly), (.SQLITE_BUSY, .busy),
        ]
        for (code, kind) in cases {
            let e = StoreFailure.map(DatabaseError(resultCode: code, message: "x"), path: "r.gpkg") as? RegistryError
            #expect(e?.kind == kind, "\(code)")
            #expect(e?.description.hasPrefix("r.gpkg: ") == true)
        }
        let constraint = DatabaseError(resultCode: .SQLITE_CONSTRAINT_UNIQUE, message: "x")
        #expect(StoreFailure.map(constraint, path: "r.gpkg") is DatabaseError)
    }
}

/// Lines heard by an `onWait` closure. `@unchecked Sendable`: guarded by its lock.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ s: String) { lock.withLock { stored.append(s) } }
    var lines: [String] { lock.withLock { stored } }
}

/// Another process (python3's sqlite3) holding an EXCLUSIVE lock on a file for some seconds, as a long import does.
final class LockHolder {
    let process = Process()

    init(_ path: String, seconds: Double) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute("ROLLBACK")
            """, path, String(seconds)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // Wait until the lock is taken.
        _ = out.fileHandleForReading.availableData
    }

    func end() { process.waitUntilExit() }
}

import Foundation
import Testing

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

func fixture(_ name: String) -> String { repository + "/Fixtures/" + name }

/// The built `landbank` executable: beside the test bundle in the build folder, or $LANDBANK_BIN.
let landbank: String = {
    if let p = ProcessInfo.processInfo.environment["LANDBANK_BIN"] { return p }
    let candidates = [CommandLine.arguments[0], Bundle.main.executablePath ?? "", Bundle.main.bundlePath + "/x"]
        .map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("landbank").path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}()

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, capturing both streams (read concurrently so neither pipe fills up).
@discardableResult
func run(_ program: String, _ args: [String]) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Standard error is drained on its own thread; the semaphore hands its bytes over (and orders the two
    // threads' accesses, which Thread Sanitizer checks).
    nonisolated(unsafe) var errData = Data()
    let drained = DispatchSemaphore(value: 0)
    let t = Thread {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    t.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    drained.wait()
    return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
}

func lb(_ args: String...) throws -> Run { try run(landbank, args) }

func scratchDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func sqlite(_ db: String, _ sql: String) throws -> String {
    try run("/usr/bin/sqlite3", [db, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

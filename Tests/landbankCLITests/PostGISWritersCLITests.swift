import Foundation
import Testing

/// The PostgreSQL server of `LANDBANK_TEST_PG_URL` (see LandbankRegistryTests/PostGISSupport.swift).
let testPGURL = ProcessInfo.processInfo.environment["LANDBANK_TEST_PG_URL"]

/// Runs SQL on the test server through psql (quietly, unaligned, tuples only); its output.
@discardableResult
func psql(_ url: String, _ sql: String) throws -> String {
    let r = try run("/usr/bin/env", ["psql", url, "-qAtc", sql])
    guard r.status == 0 else { throw CLIFailure("psql: \(r.stderr)") }
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

@Suite("Many writer processes on one PostGIS registry", .enabled(if: testPGURL != nil, "LANDBANK_TEST_PG_URL is not set: start a server with scripts/pg-local.sh start DIR and export its URL"))
struct PostGISWritersCLITests {
    @Test("4 processes record events into one PostGIS registry at once: every event is there, the chain intact")
    func concurrentWriters() throws {
        let base = try #require(testPGURL)
        let name = "lbcli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql(base, "CREATE DATABASE \(name)")
        let url = String(base[..<base.range(of: "/", options: .backwards)!.upperBound]) + name
        #expect(try lb("init", url, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("import", url, fixture("xinyu-hitech-disposed.geojson"), "--by", "clerk").status == 0)
        let listed = try lb("list", url, "--status", "revitalized").stdout
        let parcels = Array(listed.split(separator: "\n").compactMap { $0.split(separator: " ").first }
            .filter { $0.hasPrefix("XYGX-") }.prefix(4).map(String.init))
        try #require(parcels.count == 4)
        let before = Int(try psql(url, "SELECT count(*) FROM events")) ?? -1
        let perWriter = 10
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            for i in 0..<perWriter {
                let idle = i % 2 == 0
                let args = ["record", url, parcels[w], "--date", "2026-01-\(String(format: "%02d", i + 1))",
                            "--status", idle ? "idle" : "revitalized", "--by", "writer-\(w)"] + (idle ? [] : ["--method", "lease"])
                do {
                    let r = try run(landbank, args)
                    if r.status != 0 { failures.add("writer \(w) event \(i): \(r.stderr)") }
                } catch { failures.add("writer \(w) event \(i): \(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try psql(url, "SELECT count(*) FROM events WHERE recorded_by LIKE 'writer-%'") == "\(4 * perWriter)")
        #expect(Int(try psql(url, "SELECT count(*) FROM events")) == before + 4 * perWriter)
        // Ids follow one another with no gap or duplicate, and verify recomputes the whole chain.
        #expect(try psql(url, "SELECT count(DISTINCT id) = max(id) FROM events") == "t")
        let verify = try lb("verify", url)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        for (w, p) in parcels.enumerated() {
            #expect(try psql(url, "SELECT status FROM parcels WHERE parcel_id = '\(p)'") == "revitalized", "writer \(w)")
        }
    }
}

/// Failures gathered from several threads.
final class Failures: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

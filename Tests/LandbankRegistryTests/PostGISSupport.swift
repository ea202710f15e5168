import Foundation
import Testing
@testable import LandbankRegistry

/// The PostgreSQL + PostGIS server the PostGIS tests use: `LANDBANK_TEST_PG_URL`, e.g.
/// postgresql://postgres@127.0.0.1:PORT/landbank (`scripts/pg-local.sh start DIR` prints one). Unset, the
/// PostGIS suites are skipped and say so.
let testPGURL = ProcessInfo.processInfo.environment["LANDBANK_TEST_PG_URL"]

let needsPostgres: ConditionTrait = .enabled(if: testPGURL != nil,
                                    "LANDBANK_TEST_PG_URL is not set: start a server with scripts/pg-local.sh start DIR and export its URL")

/// A new, empty database on the test server, for one test; its URL.
func freshDatabase() throws -> String {
    let base = try #require(testPGURL)
    let name = "lbtest_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    try PGConnection(PGURL(base)).execute("CREATE DATABASE \(name)")
    return database(base, name)
}

/// `url` naming the database `name` instead.
func database(_ url: String, _ name: String) -> String {
    guard let slash = url.range(of: "/", options: .backwards, range: url.range(of: "://")!.upperBound..<url.endIndex) else { return url + "/" + name }
    let query = url[slash.upperBound...].firstIndex(of: "?").map { String(url[$0...]) } ?? ""
    return String(url[..<slash.upperBound]) + name + query
}

/// The fixture zone as the demo builds it: parcels, buildings, history, contracts and policies.
func demoRegistry(at location: String) throws -> Registry {
    let r = try Registry.create(at: location, crs: "EPSG:4547")
    _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"), ImportOptions(recordedBy: "clerk"))
    _ = try r.importBuildings(from: try FeatureSources.open(fixture("xinyu-hitech-buildings.geojson")))
    try r.importEvents(csv: fixture("xinyu-hitech-history.csv"))
    try r.importContracts(csv: fixture("xinyu-hitech-contracts.csv"), recordedBy: "clerk", date: CivilDate("2025-06-30")!)
    return r
}

/// JSON of a value, keys sorted: what the two stores' answers are compared by. Times of import and of
/// recording are blanked: two registries built one after the other differ in them, and only in them.
func json<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    let text = String(decoding: try e.encode(value), as: UTF8.self)
    return text.replacingOccurrences(of: #""(imported_at|recorded_at|started_at|finished_at)":"[^"]*""#, with: #""$1":"""#,
                                     options: .regularExpression)
}

extension Registry {
    /// Every event's id and stored hash, in id order.
    func eventHashes() throws -> [String] {
        try store.read { r in
            var out: [String] = []
            try r.forEachEventRecord { e, hash in out.append("\(e.id) \(hash)") }
            return out
        }
    }
}

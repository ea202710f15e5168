import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankMatching
import LandbankRegistry
import LandbankServer
import NIOCore
import Testing

@Suite("Import, export, match, blocks and figures through the API")
struct DataAPITests {
    static let twoParcels = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"UP-1","properties":{"zone":"新区","status":"idle"},"geometry":{"type":"Polygon","coordinates":[[[114.90,27.90],[114.901,27.90],[114.901,27.901],[114.90,27.901],[114.90,27.90]]]}},
        {"type":"Feature","id":"UP-2","properties":{"zone":"新区","status":"idle"},"geometry":{"type":"Polygon","coordinates":[[[114.91,27.90],[114.911,27.90],[114.911,27.901],[114.91,27.901],[114.91,27.90]]]}}]}
        """

    @Test("an upload imports all features by the token's name; a bad feature or an upload over the limit imports none")
    func upload() async throws {
        let bureau = try Bureau()
        let clerk = bureau.tokens[.clerk]
        try await bureau.app(ServerConfig(maxUploadBytes: 4096)).test(.router) { client in
            let bad = Self.twoParcels.replacingOccurrences(of: "[114.911,27.901],[114.91,27.901]", with: "[114.91,27.901],[114.911,27.901]")
            let refused = try await client.json("/api/import?name=survey.geojson", .post, token: clerk, body: bad)
            #expect(refused.status.code == 422)
            #expect((refused.object["error"] as? String)?.contains("survey.geojson: feature 2 (id \"UP-2\")") == true, "\(refused.object)")
            #expect(try bureau.registry.parcelCount == 144)
            let big = String(repeating: " ", count: 5000) + Self.twoParcels
            let tooLarge = try await client.json("/api/import", .post, token: clerk, body: big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.object["kind"] as? String == "too_large")
            #expect(try bureau.registry.parcelCount == 144)
            let done = try await client.json("/api/import", .post, token: clerk, body: Self.twoParcels)
            #expect(done.status == .created, "\(done.object)")
            #expect(try bureau.registry.parcelCount == 146)
            #expect(try bureau.registry.history(of: Subject(.parcel, "UP-1")).first?.recordedBy == "clerk-王")
            // The import log: both uploads, newest first (after the bureau's own two imports; the upload over the
            // limit never reached the registry), the refused one with its problem.
            let log = try await client.json("/api/imports", token: bureau.tokens[.leader])
            let imports = try #require(log.object["imports"] as? [[String: Any]], "\(log.object)")
            #expect(imports.map { $0["outcome"] as? String } == ["imported", "refused", "imported", "imported"], "\(imports)")
            #expect(imports.prefix(2).allSatisfy { $0["recorded_by"] as? String == "clerk-王" })
            // Each upload's SHA-256, as the CLI logs a file's.
            #expect(imports[0]["file_sha256"] as? String == SHA256.hash(data: Data(Self.twoParcels.utf8)).map { String(format: "%02x", $0) }.joined())
            let refusedID = try #require(imports[1]["id"] as? Int)
            let detail = try await client.json("/api/imports/\(refusedID)", token: bureau.tokens[.officer])
            let issues = try #require(detail.object["issues"] as? [[String: Any]], "\(detail.object)")
            #expect(detail.object["issues_total"] as? Int == issues.count && !issues.isEmpty)
            #expect(issues.contains { $0["feature_id"] as? String == "UP-2" }, "\(issues)")
            #expect(try await client.json("/api/imports/99", token: bureau.tokens[.officer]).status == .notFound)
            #expect(try await client.json("/api/imports/x", token: bureau.tokens[.officer]).status == .badRequest)
            #expect(try await client.json("/api/imports", token: bureau.tokens[.public]).status == .forbidden)
        }
    }

    @Test("the export streams every parcel as RFC 7946 GeoJSON, with filters")
    func export() async throws {
        let bureau = try Bureau()
        try await bureau.app().test(.router) { client in
            try await client.execute(uri: "/api/export.geojson", method: .get, headers: auth(bureau.tokens[.leader])) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/geo+json")
                let fc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
                #expect((fc["features"] as? [Any])?.count == 144)
                // Staff see the holders.
                #expect(r.body.text.contains("新余永旺锂电科技有限公司"))
            }
            try await client.execute(uri: "/api/export.geojson?status=recovered", method: .get, headers: auth(bureau.tokens[.leader])) { r in
                let fc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
                let n = (fc["features"] as? [[String: Any]])?.count ?? 0
                #expect(n > 0 && n < 144)
                #expect((fc["features"] as? [[String: Any]])?.allSatisfy { ($0["properties"] as? [String: Any])?["status"] as? String == "recovered" } == true)
            }
            try await client.execute(uri: "/api/export.geojson?layer=buildings", method: .get, headers: auth(bureau.tokens[.leader])) { r in
                let fc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
                #expect((fc["features"] as? [Any])?.count == 165)
            }
        }
    }

    @Test("match answers one demand, a list, and a batch, with the candidates as a map")
    func match() async throws {
        let bureau = try Bureau()
        let officer = bureau.tokens[.officer]
        let all = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/demands-xinyu.json"))
        let demands = try #require(try JSONSerialization.jsonObject(with: all) as? [[String: Any]])
        func text(_ v: Any) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: v), as: UTF8.self) }
        let first = try text(demands[0])
        let three = try text(Array(demands.prefix(3))), four = try text(Array(demands.prefix(4)))
        try await bureau.app().test(.router) { client in
            let one = try await client.json("/api/match?limit=3", .post, token: officer, body: first)
            #expect(one.status == .ok)
            #expect(one.object["demand"] as? String == "XY-2025-001")
            let candidates = try #require(one.object["candidates"] as? [[String: Any]])
            #expect(candidates.count == 3)
            #expect((candidates.first?["parcels"] as? [String]) == ["XYGX-2023-040"])
            // Without near misses: the same candidates, and neither `excluded` counts nor near misses.
            #expect(!((one.object["near_misses"] as? [Any]) ?? []).isEmpty || !((one.object["excluded"] as? [String: Any]) ?? [:]).isEmpty)
            let quick = try await client.json("/api/match?limit=3&near_misses=false", .post, token: officer, body: first)
            #expect((quick.object["candidates"] as? [[String: Any]])?.map { $0["parcels"] as? [String] } == candidates.map { $0["parcels"] as? [String] })
            #expect((quick.object["near_misses"] as? [Any])?.isEmpty == true && (quick.object["excluded"] as? [String: Any])?.isEmpty == true)
            let mapped = try await client.json("/api/match?limit=3&map=true", .post, token: officer, body: first)
            let map = try #require(mapped.object["map"] as? [String: Any])
            #expect((map["features"] as? [[String: Any]])?.count == 3)
            let list = try await client.json("/api/match?limit=2", .post, token: officer,
                                             body: #"{"demands": \#(three)}"#)
            #expect((list.object["answers"] as? [Any])?.count == 3)
            let batch = try await client.json("/api/match", .post, token: officer,
                                              body: #"{"batch": \#(four), "explain": true}"#)
            #expect(batch.status == .ok, "\(batch.object)")
            #expect(batch.object["assignments"] is [Any] && batch.object["status"] as? String == "optimal")
            // Every bad demand is listed; nothing is answered.
            let bad = try await client.json("/api/match", .post, token: officer,
                                            body: #"{"demands":[{"id":"A","land_mu":{"min":120,"max":80}},{"id":"B","colour":"red"}]}"#)
            #expect(bad.status.code == 422)
            #expect((bad.object["errors"] as? [String])?.count == 2)
            #expect(try await client.json("/api/match", .post, token: officer, body: "{").status.code == 400)
            #expect(try await client.json("/api/match", .post, token: officer, body: #"{"demands":[], "x": 1}"#).status.code == 422)
        }
    }

    @Test("blocks, stats, report, idle check and policies answer as the CLI's --json does")
    func figures() async throws {
        let bureau = try Bureau()
        let leader = bureau.tokens[.leader]
        try await bureau.app().test(.router) { client in
            let blocks = try await client.json("/api/blocks?min_mu=100&map=true", token: leader).object
            // The same blocks as the library finds (what `landbank blocks` prints).
            let expected = try BlockFinder.find(bureau.registry, book: try PolicyBook(registry: bureau.registry), minMu: 100)
            #expect(!expected.isEmpty)
            #expect((blocks["blocks"] as? [[String: Any]])?.map { $0["parcels"] as? [String] ?? [] } == expected.map(\.parcels))
            #expect(((blocks["map"] as? [String: Any])?["features"] as? [Any])?.count == expected.count)
            let stats = try await client.json("/api/stats", token: leader).object
            #expect(stats["parcels"] as? Int == 144)
            #expect(stats["cadastral_area_mu"] as? Double == 3575.105)
            let report = try await client.json("/api/report?to=2025-06-30", token: leader).object
            #expect(report["parcels_disposed"] as? Int == 144)
            let idle = try await client.json("/api/idle-check?as_of=2025-06-30", token: leader).object
            #expect((idle["findings"] as? [[String: Any]])?.compactMap { $0["parcel_id"] as? String }
                    == ["XYGX-2023-007", "XYGX-2023-016", "XYGX-2023-069"])
            let policies = try await client.json("/api/policies", token: leader).object
            #expect((policies["policies"] as? [String: Any])?.isEmpty == false)
            let me = try await client.json("/api/me", token: leader).object
            #expect(me["role"] as? String == "leader" && me["may_match"] as? Bool == false)
        }
    }
}

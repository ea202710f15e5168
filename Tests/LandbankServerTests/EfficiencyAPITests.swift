import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankRegistry
import LandbankServer
import Testing

extension Bureau {
    /// The tour's enterprise figures of 2024 (41 enterprises) and its approval batches.
    func withEfficiency() throws -> Bureau {
        _ = try registry.importEnterpriseFigures(path: fixtures + "/xinyu-efficiency-enterprises-2024.csv", year: 2024, recordedBy: "王")
        _ = try registry.importBatches(from: try FeatureSources.open(fixtures + "/xinyu-efficiency-batches.geojson"), recordedBy: "王")
        return self
    }

    /// The server's config with the tour's grading policy.
    static func gradingConfig() throws -> ServerConfig {
        var c = ServerConfig()
        c.gradingPolicy = try GradingPolicy.read(path: fixtures + "/grading-xinyu.json")
        return c
    }
}

/// The JSON the CLI prints with --json, in the canonical form of `canonical`, for comparing with an answer.
func cliJSON<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return canonical(try #require(try JSONSerialization.jsonObject(with: try e.encode(value)) as? [String: Any]))
}

/// A parsed JSON object written again with sorted keys: equal objects, equal text.
func canonical(_ object: [String: Any]) -> String {
    String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
}

@Suite("Per-mu grading, the inefficient-land list and approval batches through the API")
struct EfficiencyAPITests {
    @Test("grading answers as `grade --json`, under the server's policy or one sent; each grade with its reasons")
    func grading() async throws {
        let bureau = try Bureau().withEfficiency()
        let officer = bureau.tokens[.officer]
        let policyText = try String(contentsOfFile: fixtures + "/grading-xinyu.json", encoding: .utf8)
        let expected = try cliJSON(try bureau.registry.grade(year: 2024, policy: try GradingPolicy.read(path: fixtures + "/grading-xinyu.json")))
        try await bureau.app().test(.router) { client in
            let posted = try await client.json("/api/grading?year=2024", .post, token: officer, body: policyText)
            #expect(posted.status == .ok)
            #expect(canonical(posted.object) == expected)
            let grades = try #require(posted.object["enterprises"] as? [[String: Any]])
            // README: 41 enterprises; XY-E012 first with 150.00 and A.
            #expect(grades.count == 41)
            #expect(grades.first?["enterprise_id"] as? String == "XY-E012" && grades.first?["grade"] as? String == "A")
            #expect(grades.allSatisfy { ($0["explanation"] as? String)?.isEmpty == false })
            #expect((posted.object["proposals"] as? [Any])?.isEmpty == false)
            // No policy on this server: the GET says how to send one.
            let none = try await client.json("/api/grading?year=2024", token: officer)
            #expect(none.status == .notFound && (none.object["error"] as? String)?.contains("POST /api/grading?year=2024") == true)
            #expect(try await client.json("/api/grading", .post, token: officer, body: policyText).status == .badRequest)
            let bad = try await client.json("/api/grading?year=2024", .post, token: officer, body: #"{"name":"x","indicators":[],"grades":[]}"#)
            #expect(bad.status == .unprocessableContent && (bad.object["error"] as? String)?.contains("no indicators") == true)
        }
        try await bureau.app(try Bureau.gradingConfig()).test(.router) { client in
            let configured = try await client.json("/api/grading?year=2024", token: bureau.tokens[.leader])
            #expect(configured.status == .ok)
            #expect(canonical(configured.object) == expected)
        }
    }

    @Test("a clerk confirms and lifts the inefficient mark with If-Match; the list says why each parcel is on it")
    func mark() async throws {
        let bureau = try Bureau().withEfficiency()
        let clerk = bureau.tokens[.clerk], leader = bureau.tokens[.leader]
        let id = "XYGX-2023-003"
        let body = #"{"date":"2025-07-01","basis":"grade D 2024, policy 新余高新区","note":"亩均评价"}"#
        try await bureau.app(try Bureau.gradingConfig()).test(.router) { client in
            let before = try await client.json("/api/parcels/\(id)", token: clerk)
            let etag = try #require(before.headers[.eTag])
            #expect(try await client.json("/api/parcels/\(id)/inefficient", .post, token: clerk, body: body).status.code == 428)
            let stale = try await client.json("/api/parcels/\(id)/inefficient", .post, token: clerk, headers: [.ifMatch: #""e1""#], body: body)
            #expect(stale.status == .conflict && stale.headers[.eTag] == etag)
            let marked = try await client.json("/api/parcels/\(id)/inefficient", .post, token: clerk, headers: [.ifMatch: etag], body: body)
            #expect(marked.status == .created, "\(marked.object)")
            #expect(marked.object["kind"] as? String == "inefficient" && marked.object["recorded_by"] as? String == "clerk-王")
            let newTag = try #require(marked.headers[.eTag])
            #expect(newTag != etag)
            // Marked twice: refused by the library (409), nothing written.
            let twice = try await client.json("/api/parcels/\(id)/inefficient", .post, token: clerk, headers: [.ifMatch: newTag], body: body)
            #expect(twice.status == .conflict && (twice.object["error"] as? String)?.contains("already marked") == true)
            let list = try await client.json("/api/inefficient?as_of=2025-07-02&min_mu=100", token: leader)
            #expect(list.status == .ok)
            let parcels = try #require(list.object["parcels"] as? [[String: Any]])
            let mine = try #require(parcels.first { $0["parcel_id"] as? String == id })
            #expect((mine["reasons"] as? [String])?.contains("confirmed") == true)
            // The policy's min_plot_ratio (0.8) was used, and said.
            #expect(list.object["min_plot_ratio"] as? Double == 0.8 && list.object["blocks"] is [Any])
            let lifted = try await client.json("/api/parcels/\(id)/inefficient/lift", .post, token: clerk, headers: [.ifMatch: "*"],
                                               body: #"{"date":"2025-12-01","basis":"grade B 2025"}"#)
            #expect(lifted.status == .created && lifted.object["kind"] as? String == "inefficient_lifted", "\(lifted.object)")
            let empty = try await client.json("/api/parcels/\(id)/inefficient", .post, token: clerk, headers: [.ifMatch: "*"],
                                              body: #"{"date":"2025-12-02","basis":"  "}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(try await client.json("/api/parcels/NO-SUCH/inefficient", .post, token: clerk, headers: [.ifMatch: "*"], body: body).status == .notFound)
        }
    }

    @Test("the batches' ledger answers as `batch report --json`, with the unsupplied land as GeoJSON on request")
    func batches() async throws {
        let bureau = try Bureau().withEfficiency()
        let officer = bureau.tokens[.officer]
        let day = CivilDate("2025-06-30")!
        let expected = try cliJSON(try bureau.registry.batchReport(asOf: day).rounded())
        try await bureau.app().test(.router) { client in
            let r = try await client.json("/api/batches?as_of=2025-06-30", token: officer)
            #expect(r.status == .ok)
            #expect(canonical(r.object) == expected)
            let total = try #require(r.object["total"] as? [String: Any])
            #expect(total["approved_mu"] as? Double == 1805.421)
            let mapped = try await client.json("/api/batches?as_of=2025-06-30&map=true", token: officer)
            let map = try #require(mapped.object["map"] as? [String: Any])
            #expect(map["type"] as? String == "FeatureCollection" && ((map["features"] as? [Any])?.count ?? 0) > 0)
            #expect(try await client.json("/api/batches?as_of=2025-13-01", token: officer).status == .badRequest)
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankRegistry
import LandbankServer
import Testing

@Suite("Parcels, history and recording through the API")
struct ParcelAPITests {
    @Test("pages of 50 follow the cursor through all 144 parcels, each once, in id order")
    func paging() async throws {
        let bureau = try Bureau()
        try await bureau.app().test(.router) { client in
            var seen: [String] = []
            var next: String? = nil
            var pages = 0
            repeat {
                let uri = "/api/parcels?limit=50" + (next.map { "&page=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
                let (status, object, _) = try await client.json(uri, token: bureau.tokens[.leader])
                #expect(status == .ok)
                seen += (object["parcels"] as? [[String: Any]] ?? []).compactMap { $0["parcel_id"] as? String }
                next = object["next"] as? String
                pages += 1
            } while next != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 144 && Set(seen).count == 144 && seen == seen.sorted())
            // The default page is 500: everything at once, and no next page.
            let all = try await client.json("/api/parcels", token: bureau.tokens[.leader]).object
            #expect((all["parcels"] as? [Any])?.count == 144)
            #expect(all["next"] is NSNull)
        }
    }

    @Test("the list filters as query parameters give what `list` gives")
    func filters() async throws {
        let bureau = try Bureau()
        try await bureau.app().test(.router) { client in
            let near = try await client.json("/api/parcels?near=115.02,27.78&within_km=3&min_mu=20&max_mu=60&limit=5", token: bureau.tokens[.officer]).object
            let ids = (near["parcels"] as? [[String: Any]] ?? []).compactMap { $0["parcel_id"] as? String }
            // README tour: the same five parcels, nearest first.
            #expect(ids == ["XYGX-2023-004", "XYGX-2023-011", "XYGX-2023-025", "XYGX-2023-038", "XYGX-2023-121"])
            let zone = try await client.json("/api/parcels?zone=%E9%A9%AC%E6%B4%AA%E7%89%87%E5%8C%BA&status=recovered&limit=4", token: bureau.tokens[.officer]).object
            #expect((zone["parcels"] as? [[String: Any]])?.first?["parcel_id"] as? String == "XYGX-2023-013")
            let buildings = try await client.json("/api/buildings?min_vacant_m2=5000&min_power_kva=1000&near=115.02,27.78&within_km=10", token: bureau.tokens[.officer]).object
            #expect((buildings["buildings"] as? [[String: Any]])?.compactMap { $0["building_id"] as? String } == ["XYGX-2023-038-B1", "XYGX-2023-119-B4"])
        }
    }

    @Test("bad input is a 4xx naming what is wrong, never a 5xx")
    func badInput() async throws {
        let bureau = try Bureau()
        let token = bureau.tokens[.clerk]
        try await bureau.app().test(.router) { client in
            let cases: [(HTTPRequest.Method, String, String?, Int)] = [
                (.get, "/api/parcels?min_mu=abc", nil, 400), (.get, "/api/parcels?zoen=x", nil, 400),
                (.get, "/api/parcels?status=sold", nil, 400), (.get, "/api/parcels?min_mu=50&max_mu=10", nil, 422),
                (.get, "/api/parcels?near=200,100&within_km=3", nil, 422), (.get, "/api/parcels?within_km=3", nil, 400),
                (.get, "/api/parcels?page=v1:garbage", nil, 422), (.get, "/api/parcels?limit=0", nil, 400),
                (.get, "/api/parcels?limit=100000", nil, 400), (.get, "/api/parcels/NOPE", nil, 404),
                (.get, "/api/parcels/NOPE/history", nil, 404), (.get, "/api/nothing-here", nil, 404),
                (.get, "/api/report?from=2025-01-01&to=2024-01-01", nil, 400), (.get, "/api/blocks", nil, 400),
                (.get, "/api/export.geojson?crs=EPSG:999999", nil, 422), (.get, "/api/export.geojson?layer=roads", nil, 400),
                (.put, "/api/policies/光明片区", #"{"min_plot_ratio": "high"}"#, 422), (.put, "/api/policies/光明片区", "not json", 422),
            ]
            for (method, uri, body, expected) in cases {
                let (status, object, _) = try await client.json(uri, method, token: token, body: body)
                #expect(status.code == expected, "\(method) \(uri): \(status.code) \(object)")
                #expect(object["error"] is String && object["kind"] is String, "\(uri): \(object)")
            }
        }
    }

    @Test("a parcel's ETag guards recording: the right one records by the token's name, a stale one gets 409 and the current version")
    func ifMatch() async throws {
        let bureau = try Bureau()
        let clerk = bureau.tokens[.clerk]
        let event = #"{"date":"2025-07-01","status":"assigned","legal_basis":"新高管字〔2025〕9号","received_yuan":"1500000"}"#
        try await bureau.app().test(.router) { client in
            let (_, detail, headers) = try await client.json("/api/parcels/XYGX-2023-001", token: clerk)
            let etag = try #require(headers[.eTag])
            #expect(detail["etag"] as? String == etag)
            // No If-Match: refused before anything is written.
            let missing = try await client.json("/api/parcels/XYGX-2023-001/events", .post, token: clerk, body: event)
            #expect(missing.status.code == 428)
            let made = try await client.json("/api/parcels/XYGX-2023-001/events", .post, token: clerk, headers: [.ifMatch: etag], body: event)
            #expect(made.status == .created, "\(made.object)")
            #expect(made.object["recorded_by"] as? String == "clerk-王")
            let newTag = try #require(made.headers[.eTag])
            #expect(newTag != etag)
            // The same old ETag again: someone changed the parcel since; 409 with the current version.
            let stale = try await client.json("/api/parcels/XYGX-2023-001/events", .post, token: clerk, headers: [.ifMatch: etag],
                                              body: #"{"date":"2025-07-02","status":"revitalized"}"#)
            #expect(stale.status == .conflict)
            #expect(stale.object["kind"] as? String == "conflict")
            #expect((stale.object["current"] as? [String: Any])?["etag"] as? String == newTag)
            #expect(stale.headers[.eTag] == newTag)
            let history = try await client.json("/api/parcels/XYGX-2023-001/history", token: bureau.tokens[.leader]).object
            let events = try #require(history["events"] as? [[String: Any]])
            #expect(events.count == 2 && events.last?["recorded_by"] as? String == "clerk-王")
            // The lifecycle's refusal is a conflict, nothing recorded.
            let refused = try await client.json("/api/parcels/XYGX-2023-002/events", .post, token: clerk, headers: [.ifMatch: "*"],
                                                body: #"{"date":"2025-07-01","status":"idle"}"#)
            #expect(refused.status == .conflict)
            #expect((refused.object["error"] as? String)?.contains("cannot become idle") == true)
            let bad = try await client.json("/api/parcels/XYGX-2023-002/events", .post, token: clerk, headers: [.ifMatch: "*"],
                                            body: #"{"date":"yesterday","status":"idle"}"#)
            #expect(bad.status.code == 422)
        }
    }
}

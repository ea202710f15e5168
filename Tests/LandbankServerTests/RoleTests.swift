import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankRegistry
import LandbankServer
import Testing

@Suite("Roles and tokens")
struct RoleTests {
    @Test("what each role may do: clerks write, officers match, leaders read, the public reads what is published")
    func roleMatrix() async throws {
        let bureau = try Bureau().withProjects()
        // (method, uri, body, expected status per role: clerk, officer, leader, public)
        let demand = #"{"id":"D1","land_mu":{"min":15,"max":40}}"#
        let cases: [(HTTPRequest.Method, String, String?, [TokenRole: Int])] = [
            (.get, "/api/parcels?limit=5", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.get, "/api/parcels/XYGX-2023-011", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.get, "/api/parcels/XYGX-2023-011/history", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/buildings?limit=5", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.get, "/api/stats", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.get, "/api/report?to=2025-06-30", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.get, "/api/idle-check?as_of=2025-06-30", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/policies", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/blocks?min_mu=100", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 200]),
            (.post, "/api/match", demand, [.clerk: 403, .officer: 200, .leader: 403, .public: 403]),
            (.put, "/api/policies/光明片区", #"{"min_plot_ratio": 1.0}"#, [.clerk: 200, .officer: 403, .leader: 403, .public: 403]),
            (.post, "/api/import", "[]", [.clerk: 422, .officer: 403, .leader: 403, .public: 403]),
            (.get, "/api/imports", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            // Projects and their money: read by every role that reads everything, changed by officers, never public.
            (.get, "/api/projects", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/projects/XY-WEB-1", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/projects/XY-WEB-1/history", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/project-ledger?as_of=2024-06-30", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/project-stats?from=2024-01-01&to=2024-12-31", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/projects/XY-WEB-1/match?limit=1", nil, [.clerk: 403, .officer: 200, .leader: 403, .public: 403]),
            // `*`: any version. The officer's stage change is a real one (decided → evaluating is refused: 409).
            (.post, "/api/projects/XY-WEB-1/stage", #"{"stage":"evaluating","date":"2025-06-02"}"#, [.clerk: 403, .officer: 409, .leader: 403, .public: 403]),
            (.post, "/api/projects/XY-WEB-1/sites", #"{"parcels":[]}"#, [.clerk: 403, .officer: 422, .leader: 403, .public: 403]),
            (.post, "/api/projects/sites", #"{"assignments":[]}"#, [.clerk: 403, .officer: 422, .leader: 403, .public: 403]),
            // Grading, the inefficient-land list and the batches name enterprises and money: never the public.
            (.post, "/api/grading?year=2024", try String(contentsOfFile: fixtures + "/grading-xinyu.json", encoding: .utf8),
             [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/grading?year=2024", nil, [.clerk: 404, .officer: 404, .leader: 404, .public: 403]),
            (.get, "/api/inefficient?as_of=2025-06-30", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.get, "/api/batches?as_of=2025-06-30", nil, [.clerk: 200, .officer: 200, .leader: 200, .public: 403]),
            (.post, "/api/parcels/XYGX-2023-011/inefficient", #"{"date":"2025-07-01","basis":"grade D 2024"}"#,
             [.clerk: 201, .officer: 403, .leader: 403, .public: 403]),
            (.post, "/api/parcels/XYGX-2023-011/inefficient/lift", #"{"date":"2025-07-02","basis":"grade B 2025"}"#,
             [.clerk: 201, .officer: 403, .leader: 403, .public: 403]),
        ]
        try await bureau.app().test(.router) { client in
            for (method, uri, body, expected) in cases {
                for role in TokenRole.allCases {
                    let (status, object, _) = try await client.json(uri, method, token: bureau.tokens[role], headers: [.ifMatch: "*"], body: body)
                    #expect(status.code == expected[role], "\(role) \(method) \(uri): \(status.code) \(object)")
                }
            }
        }
    }

    @Test("without a token: 401 unless the config publishes, then the published inventory only")
    func anonymous() async throws {
        let bureau = try Bureau()
        try await bureau.app().test(.router) { client in
            let (status, object, _) = try await client.json("/api/parcels", token: nil)
            #expect(status == .unauthorized)
            #expect(object["kind"] as? String == "unauthorized")
            // The page itself and the document need no token.
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/openapi.json", method: .get) { #expect($0.status == .ok) }
        }
        try await bureau.app(ServerConfig(publish: true)).test(.router) { client in
            let (status, object, _) = try await client.json("/api/parcels?limit=500", token: nil)
            #expect(status == .ok)
            let parcels = try #require(object["parcels"] as? [[String: Any]])
            #expect(parcels.count == 144)
            // Holders' names, properties and money are not published.
            #expect(parcels.allSatisfy { $0["name"] == nil && $0["properties"] == nil && $0["parcel_id"] != nil })
            #expect(try await client.json("/api/parcels/XYGX-2023-011/history", token: nil).status == .unauthorized)
            #expect(try await client.json("/api/match", .post, token: nil, body: "{}").status == .unauthorized)
            // The public never sees projects or their money.
            for uri in ["/api/projects", "/api/project-ledger", "/api/project-stats?from=2024-01-01&to=2024-12-31"] {
                #expect(try await client.json(uri, token: nil).status == .unauthorized)
            }
            let detail = try await client.json("/api/parcels/XYGX-2023-011", token: nil)
            let text = String(decoding: try JSONSerialization.data(withJSONObject: detail.object), as: UTF8.self)
            #expect(!text.contains("新余永旺锂电科技有限公司") && !text.contains("contract"), "\(text)")
            // The published map: geometry and the published members, no holder anywhere in the stream.
            try await client.execute(uri: "/api/export.geojson", method: .get) { r in
                #expect(r.status == .ok)
                let body = r.body.text
                #expect(body.contains("\"XYGX-2023-011\"") && body.contains("\"Polygon\""))
                #expect(!body.contains("新余永旺锂电科技有限公司") && !body.contains("original_holder") && !body.contains("contract_no"))
                let fc = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                #expect((fc?["features"] as? [Any])?.count == 144)
            }
        }
    }

    @Test("an unknown or revoked token is refused with 401, never taken for the public")
    func revoked() async throws {
        let bureau = try Bureau()
        try await bureau.app(ServerConfig(publish: true)).test(.router) { client in
            #expect(try await client.json("/api/stats", token: bureau.tokens[.leader]).status == .ok)
            try bureau.registry.revokeToken(name: "leader-王")
            #expect(try await client.json("/api/stats", token: bureau.tokens[.leader]).status == .unauthorized)
            #expect(try await client.json("/api/stats", token: "lbk_not-a-token").status == .unauthorized)
            let bad = try await client.execute(uri: "/api/stats", method: .get, headers: [.authorization: "Basic abc"]) { $0.status }
            #expect(bad == .unauthorized)
        }
    }

    @Test("the registry keeps only each token's SHA-256: the file never holds a token in clear")
    func hashedTokens() throws {
        let bureau = try Bureau()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: bureau.registry.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: bureau.registry.path + "-wal"))) ?? Data()
        for token in bureau.tokens.values {
            #expect(token.hasPrefix("lbk_") && token.count > 40)
            #expect(bytes.range(of: Data(token.utf8)) == nil && wal.range(of: Data(token.utf8)) == nil)
            #expect(bytes.range(of: Data(token.dropFirst(4).utf8)) == nil)
            #expect(try bureau.registry.authenticate(token) != nil)
        }
        #expect(try bureau.registry.authenticate(bureau.tokens[.clerk]! + "x") == nil)
        #expect(try bureau.registry.tokens().count == 4)
        // A second token of the same name is refused while the first is in force.
        #expect(throws: RegistryError.self) { try bureau.registry.addToken(name: "clerk-王", role: .clerk) }
    }
}

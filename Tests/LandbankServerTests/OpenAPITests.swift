import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankServer
import Testing

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test("every route of the API is in /openapi.json with its method, and every route there is served")
    func routesMatchTheDocument() async throws {
        let bureau = try Bureau()
        let router = try buildRouter(registry: bureau.registry)
        // Hummingbird writes a capture as {id}, as OpenAPI does.
        let served = Set(router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" }
            .filter { $0.contains(" /api/") || $0.hasSuffix(" /openapi.json") })
        // The document as the server serves it.
        let doc = try await bureau.app().test(.router) { client in
            try await client.json("/openapi.json", token: nil).object
        }
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert("\(method) \(path)")
            }
        }
        #expect(served.count >= 16)
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
    }
}

import Foundation
@_exported import HTTPTypes
@_exported import LandbankLifecycle
import Hummingbird
import HummingbirdTesting
import LandbankMatching
import LandbankRegistry
import LandbankServer
import NIOCore
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures").path

/// A fresh folder for one test.
func scratchDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-server-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// The tour's registry: Xinyu's 144 parcels, 165 buildings, their history and contracts, the zones' policies,
/// and one token of each role. Every test gets its own file.
struct Bureau {
    let registry: Registry
    var tokens: [TokenRole: String] = [:]

    init() throws {
        registry = try Registry.create(at: try scratchDirectory() + "/xinyu.gpkg", crs: "EPSG:4547")
        let options = ImportOptions(recordedBy: "demo", statusDate: CivilDate("2024-01-01")!)
        _ = try registry.importParcels(from: try FeatureSources.open(fixtures + "/xinyu-hitech-disposed.geojson"), options: options)
        _ = try registry.importBuildings(from: try FeatureSources.open(fixtures + "/xinyu-hitech-buildings.geojson"), options: options)
        _ = try registry.importEvents(csv: fixtures + "/xinyu-hitech-history.csv", recordedBy: "demo")
        _ = try registry.importContracts(csv: fixtures + "/xinyu-hitech-contracts.csv", recordedBy: "demo", date: CivilDate("2025-06-30")!)
        let policies = try ZonePolicy.readAll(try Data(contentsOf: URL(fileURLWithPath: fixtures + "/policies-xinyu.json")), file: "policies")
        try registry.setZonePolicyJSON(Dictionary(policies.map { ($0.zone, $0.policy.json) }, uniquingKeysWith: { a, _ in a }), by: "demo")
        for role in TokenRole.allCases { tokens[role] = try registry.addToken(name: "\(role.rawValue)-王", role: role) }
    }

    func app(_ config: ServerConfig = ServerConfig()) throws -> some ApplicationProtocol {
        try buildApplication(registry: registry, config: config)
    }
}

/// A request's headers with the role's token (nil: no token).
func auth(_ token: String?, _ more: [HTTPField.Name: String] = [:]) -> HTTPFields {
    var h = HTTPFields()
    if let token { h[.authorization] = "Bearer \(token)" }
    for (k, v) in more { h[k] = v }
    return h
}

extension TestClientProtocol {
    /// A request whose answer is JSON: the status and the decoded object.
    func json(_ uri: String, _ method: HTTPRequest.Method = .get, token: String?, headers: [HTTPField.Name: String] = [:],
              body: String? = nil) async throws -> (status: HTTPResponse.Status, object: [String: Any], headers: HTTPFields) {
        try await execute(uri: uri, method: method, headers: auth(token, headers), body: body.map { ByteBuffer(string: $0) }) { r in
            let data = Data(r.body.readableBytesView)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return (r.status, object, r.headers)
        }
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}

import Foundation
import Hummingbird
import LandbankMatching
import LandbankRegistry

/// The zones' admission policies: read them all (`policy show --json`), set one (`policy set`, by the token).
struct PolicyController {
    let registry: Registry

    func add(to group: RouterGroup<AppContext>) {
        group.get("policies", use: list)
        group.put("policies/{zone}", use: set)
    }

    /// GET /api/policies: `{"policies": {zone: policy}}`.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        _ = try QueryParameters(request, allowed: [])
        let registry = self.registry
        let stored = try await Blocking.run { try registry.allZonePolicyJSON() }
        return JSONResponse.object(["policies": .object(stored.mapValues { .raw(Data($0.utf8)) })])
    }

    /// PUT /api/policies/{zone}: the policy object, checked as `policy set` checks it.
    @Sendable func set(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.write)
        _ = try QueryParameters(request, allowed: [])
        let zone = try context.parameters.require("zone")
        let data = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let policy = try ZonePolicy.read(data, zone: zone)
        let registry = self.registry, by = context.caller.name ?? "api"
        try await Blocking.run { try registry.setZonePolicyJSON(zone: zone, json: policy.json, by: by) }
        return JSONResponse.object(["zone": .string(zone), "policy": .raw(Data(policy.json.utf8))])
    }
}

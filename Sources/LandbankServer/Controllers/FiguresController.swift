import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// The figures: stats (the `list` filters), the zone's report, the idle-land check.
struct FiguresController {
    let registry: Registry

    func add(to group: RouterGroup<AppContext>) {
        group.get("stats", use: stats)
        group.get("report", use: report)
        group.get("idle-check", use: idleCheck)
    }

    /// GET /api/stats: what `landbank stats --json` prints (totals by status and zone, floor space).
    @Sendable func stats(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let query = try QueryParameters(request, allowed: QueryParameters.parcelFilterKeys).parcelQuery()
        let registry = self.registry
        return try JSONResponse.make(try await Blocking.run { try registry.stats(query).rounded() })
    }

    /// GET /api/report: what `landbank report --json` prints; the figures zones publish.
    @Sendable func report(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let q = try QueryParameters(request, allowed: ["from", "to", "zone", "new_build_since"])
        let from = try q.date("from"), to = try q.date("to")
        if let from, let to, from > to { throw APIError.badRequest("from \(from) is after to \(to)") }
        let options = ReportOptions(from: from, to: to, zone: q.string("zone"),
                                    newBuildSince: try q.int("new_build_since", in: 1900...2200) ?? 2023)
        let registry = self.registry
        return try JSONResponse.make(try await Blocking.run { try registry.report(options).rounded() })
    }

    /// GET /api/idle-check: `landbank idle-check --json` (holders and fees: not for the public).
    @Sendable func idleCheck(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["as_of", "zone"])
        let day = try q.date("as_of") ?? .today()
        let filter = ParcelFilter(zone: q.string("zone"))
        let registry = self.registry
        return try JSONResponse.make(["as_of": day.description],
                                     merging: try await Blocking.run { try registry.idleCheck(asOf: day, filter: filter) })
    }
}

extension JSONResponse {
    /// `{"as_of": …, "findings": […]}`.
    static func make<T: Encodable>(_ head: [String: String], merging findings: T) throws -> Response {
        var members = head.mapValues(JSONAny.string)
        members["findings"] = try raw(findings)
        return object(members)
    }
}

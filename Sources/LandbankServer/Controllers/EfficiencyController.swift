import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

/// Per-mu grading (`landbank grade`), the inefficient-land list (`landbank inefficient`) and the approval batches'
/// ledger (`landbank batch report`). They name enterprises, holders and money: every role that reads everything
/// reads them, the public never. Each runs as a computation (bounded, timed, stopped when its client goes).
struct EfficiencyController {
    let registry: Registry
    let config: ServerConfig
    let computations: Computations

    func add(to group: RouterGroup<AppContext>) {
        group.get("grading", use: configuredGrading)
        group.post("grading", use: postedGrading)
        group.get("inefficient", use: inefficient)
        group.get("batches", use: batches)
    }

    /// GET /api/grading?year=Y: `grade --json` under the server's policy (the config's `grading_policy`).
    @Sendable func configuredGrading(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let year = try Self.year(try QueryParameters(request, allowed: ["year"]))
        guard let policy = config.gradingPolicy else {
            throw APIError.notFound("this server has no grading policy (the config's grading_policy): POST /api/grading?year=\(year) with a policy as the body")
        }
        return try await grade(year: year, policy: policy, request, context)
    }

    /// POST /api/grading?year=Y with a grading policy as the body (as `grade --policy FILE` reads it): `grade --json`.
    /// A read: nothing is written, so no If-Match.
    @Sendable func postedGrading(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let year = try Self.year(try QueryParameters(request, allowed: ["year"]))
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let policy = try GradingPolicy.parse(body, name: "request body")
        return try await grade(year: year, policy: policy, request, context)
    }

    func grade(year: Int, policy: GradingPolicy, _ request: Request, _ context: AppContext) async throws -> Response {
        let registry = self.registry
        return try await computations.run(request, context) { _ in try JSONResponse.make(try registry.grade(year: year, policy: policy)) }
    }

    /// GET /api/inefficient?as_of=&min_plot_ratio=&min_mu=500&tolerance=5: `inefficient --json` — each listed
    /// parcel and why, and the contiguous blocks the list forms with the available land. Without `min_plot_ratio`
    /// the server's grading policy's, if it has one (the answer says which it used).
    @Sendable func inefficient(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["as_of", "min_plot_ratio", "min_mu", "tolerance"])
        let day = try q.date("as_of") ?? .today()
        let minRatio = try q.double("min_plot_ratio") ?? config.gradingPolicy?.minPlotRatio
        if let r = minRatio, !(r.isFinite && r > 0) { throw APIError.badRequest("min_plot_ratio: \(r) is not above 0") }
        let minMu = try q.measure("min_mu") ?? 500
        let tolerance = try MatchController.tolerance(q)
        let registry = self.registry
        return try await computations.run(request, context) { _ in
            let list = try registry.inefficientList(asOf: day, minPlotRatio: minRatio)
            let blocks = try BlockFinder.find(registry, book: try PolicyBook(registry: registry), adding: list.map(\.parcelID),
                                              minMu: minMu, toleranceM: tolerance)
            return JSONResponse.object(["as_of": .string(day.description), "parcels": try JSONResponse.raw(list),
                                        "blocks": try JSONResponse.raw(blocks), "min_mu": .number(minMu),
                                        "min_plot_ratio": minRatio.map(JSONAny.number) ?? .null])
        }
    }

    /// GET /api/batches?as_of=D[&map=true]: `batch report --json`; `map` adds the approved-not-supplied land as
    /// RFC 7946 GeoJSON (`--geojson`).
    @Sendable func batches(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["as_of", "map"])
        let day = try q.date("as_of") ?? .today()
        let withMap = try q.bool("map")
        let registry = self.registry
        return try await computations.run(request, context) { _ in
            let report = try registry.batchReport(asOf: day).rounded()
            var members: [String: JSONAny] = ["as_of": .string(report.asOf.description), "batches": try JSONResponse.raw(report.batches),
                                              "by_zone": try JSONResponse.raw(report.byZone), "total": try JSONResponse.raw(report.total),
                                              "supplied_not_used": try JSONResponse.raw(report.suppliedNotUsed)]
            if withMap { members["map"] = .raw(try registry.batchMap(report)) }
            return JSONResponse.object(members)
        }
    }

    static func year(_ q: QueryParameters) throws -> Int {
        guard let y = try q.int("year", in: 1900...2200) else { throw APIError.badRequest("year is required (the year graded, e.g. year=2024)") }
        return y
    }
}

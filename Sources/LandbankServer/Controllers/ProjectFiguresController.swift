import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// The projects' figures: the compliance ledger (`project ledger`) and the pipeline (`project stats`). Money and
/// projects: for the roles that read everything, never the public.
struct ProjectFiguresController {
    let registry: Registry

    func add(to group: RouterGroup<AppContext>) {
        group.get("project-ledger", use: ledger)
        group.get("project-stats", use: stats)
    }

    /// GET /api/project-ledger?since=&as_of=: what `project ledger --json` prints (seed 000's counts and each entry).
    @Sendable func ledger(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["since", "as_of"])
        let since = try q.date("since"), asOf = try q.date("as_of") ?? .today()
        if let since, since > asOf { throw APIError.badRequest("since \(since) is after as_of \(asOf)") }
        let registry = self.registry
        let l = try await Blocking.run { try registry.projectLedger(since: since, asOf: asOf) }
        let inc = l.shortIncentives
        var counts: [String: JSONAny] = [:]
        for c in LedgerClass.allCases { counts[c.rawValue] = .number(Double(l.count(c))) }
        return JSONResponse.object([
            "since": l.since.map { .string($0.description) } ?? .null, "asOf": .string(l.asOf.description),
            "projects": .number(Double(l.entries.count)), "counts": .object(counts),
            "shortIncentivesFullyPaid": .number(Double(inc.fullyPaid)), "shortIncentivesNotFullyPaid": .number(Double(inc.notFullyPaid)),
            "shortNoIncentivesPromised": .number(Double(inc.nonePromised)), "entries": try JSONResponse.raw(l.entries),
        ])
    }

    /// GET /api/project-stats?from=&to=[&by=team|industry]: what `project stats --json` prints.
    @Sendable func stats(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["from", "to", "by"])
        guard let from = try q.date("from"), let to = try q.date("to") else {
            throw APIError.badRequest("from and to are required (the period's first and last day, YYYY-MM-DD)")
        }
        if from > to { throw APIError.badRequest("from \(from) is after to \(to)") }
        let by = try q.string("by").map { s in
            guard let g = PipelineGrouping(rawValue: s) else { throw APIError.badRequest("by: \"\(s.prefix(40))\" is not team or industry") }
            return g
        }
        let registry = self.registry
        return try JSONResponse.make(try await Blocking.run { try registry.pipelineStats(from: from, to: to, by: by) })
    }
}

import Foundation
import Hummingbird
import LandbankRegistry

/// The import log (`landbank issues`): every import, successful or not, and the problems each one found — what a
/// clerk reads after an upload is refused, and a supervisor reads to see what was repaired or skipped.
struct ImportLogController {
    let registry: Registry

    func add(to group: RouterGroup<AppContext>) {
        group.get("imports", use: list)
        group.get("imports/{id}", use: detail)
    }

    /// GET /api/imports: `{imports: […]}`, newest first, each with its file, hash, who, when, outcome and counts.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        _ = try QueryParameters(request, allowed: [])
        let registry = self.registry
        return try JSONResponse.make(["imports": try await Blocking.run { try registry.imports() }])
    }

    /// GET /api/imports/{id}[?limit=N]: `{import, issues: […], issues_total}`, the problems in the order found,
    /// the first `limit` of them (1,000 by default).
    @Sendable func detail(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["limit"])
        let limit = try q.int("limit", in: 0...100_000) ?? 1000
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id >= 1 else {
            throw APIError.badRequest("import number: \"\(text.prefix(40))\" is not a number of 1 or more")
        }
        let registry = self.registry
        return try await Blocking.run {
            let record = try registry.importRecord(id)
            var issues: [ImportIssue] = []
            var total = 0
            try registry.forEachImportIssue(importID: id) { _, i in
                total += 1
                if issues.count < limit { issues.append(i) }
            }
            return JSONResponse.object(["import": try JSONResponse.raw(record), "issues": try JSONResponse.raw(issues),
                                        "issues_total": .number(Double(total))])
        }
    }
}

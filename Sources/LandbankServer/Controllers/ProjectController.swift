import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

/// Projects (`landbank project list|show|stage|assign|match`): read by every role that reads everything, never by
/// the public; stages and sites changed by officers, each write guarded by `If-Match` with the project's ETag.
struct ProjectController {
    let registry: Registry
    let matchers: MatcherPool
    let computations: Computations

    func add(to group: RouterGroup<AppContext>) {
        group.get("projects", use: list)
        group.get("projects/{id}", use: detail)
        group.get("projects/{id}/history", use: history)
        group.post("projects/{id}/stage", use: stage)
        group.post("projects/{id}/sites", use: assign)
        group.post("projects/sites", use: assignBatch)
        group.get("projects/{id}/match", use: match)
    }

    /// GET /api/projects?stage=&team=&zone=: `{"projects": […], "by_stage": {stage: count}}`, by id. `by_stage`
    /// counts the projects of the team and zone asked for at every stage (the stage filter aside), for the
    /// pipeline panel.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        let q = try QueryParameters(request, allowed: ["stage", "team", "zone"])
        let stage = try q.string("stage").map { s in
            guard let v = ProjectStage(text: s) else { throw APIError.badRequest("stage: \"\(s.prefix(40))\" is not a stage (\(Self.stages))") }
            return v
        }
        let team = q.string("team"), zone = q.string("zone")
        let registry = self.registry
        let all = try await Blocking.run { try registry.projects() }
        let ofTeam = all.filter { (team == nil || $0.team == team) && (zone == nil || $0.zone == zone) }
        var byStage: [String: JSONAny] = [:]
        for s in ProjectStage.allCases { byStage[s.rawValue] = .number(Double(ofTeam.filter { $0.stage == s }.count)) }
        let shown = ofTeam.filter { stage == nil || $0.stage == stage }
        return JSONResponse.object(["projects": try JSONResponse.raw(shown), "by_stage": .object(byStage)])
    }

    /// GET /api/projects/{id}: `project show --json` (the project, history, actuals, incentives) and its ETag.
    @Sendable func detail(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let (members, version) = try await current(id)
        var headers = HTTPFields()
        headers[.eTag] = VersionTag.project(version)
        return JSONResponse.object(members, headers: headers)
    }

    /// GET /api/projects/{id}/history: its stage changes, corrections and site events, oldest first.
    @Sendable func history(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let registry = self.registry
        return try JSONResponse.make(["events": try await Blocking.run { try registry.projectHistory(id: id) }])
    }

    /// POST /api/projects/{id}/stage with `If-Match`: `project stage` (a correction with `"correct": true` and a note).
    @Sendable func stage(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.manageProjects)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let ifMatch = try IfMatch(request, prefix: "p", resource: "/api/projects/\(id)")
        let body = try await request.decode(as: StageBody.self, context: context)
        let e = try body.event(project: id, by: context.caller.name ?? "api")
        let registry = self.registry
        return try await written(id, ifMatch) {
            if let v = ifMatch.version { return try registry.recordStage(e, expectedVersion: v) }
            return try registry.recordStage(e)
        }
    }

    /// POST /api/projects/{id}/sites with `If-Match`: `project assign` — parcels and buildings given to the project in
    /// one transaction, both histories recorded.
    @Sendable func assign(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.manageProjects)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let ifMatch = try IfMatch(request, prefix: "p", resource: "/api/projects/\(id)")
        let body = try await request.decode(as: SitesBody.self, context: context)
        let date = try body.day()
        let registry = self.registry, by = context.caller.name ?? "api"
        return try await written(id, ifMatch) {
            try registry.assignSites(project: id, parcels: body.parcels ?? [], buildings: body.buildings ?? [],
                                     floorSpaceM2: body.floor_space_m2, on: date, by: by, note: body.note,
                                     expectedVersion: ifMatch.version)
        }
    }

    /// POST /api/projects/sites: `project assign --batch` — a `match` batch answer accepted, every project's sites
    /// in one transaction or none (a site taken since the answer was made refuses it all, 409). The body is the
    /// answer as POST /api/match gave it (its `assignments`), with an optional `date` and `note`. No `If-Match`:
    /// what the answer relied on, each site still available and each project still decided or later, is checked
    /// inside the one transaction.
    @Sendable func assignBatch(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.manageProjects)
        _ = try QueryParameters(request, allowed: [])
        let bytes = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let list = try BatchAcceptance.read(bytes, file: "request body")
        let extra: BatchExtras
        do { extra = try JSONDecoder().decode(BatchExtras.self, from: bytes) } catch {
            throw APIError(.unprocessableContent, kind: "invalid_input", "date and note must be texts")
        }
        let date = try BodyDate.read(extra.date)
        let registry = self.registry, by = context.caller.name ?? "api"
        let events = try await Blocking.run { try registry.assignSites(list, on: date, by: by, note: extra.note) }
        return try JSONResponse.make(["events": events], status: .created)
    }

    /// GET /api/projects/{id}/match?limit=&tolerance=&map=&near_misses=: `project match` — the project's recorded demand matched.
    @Sendable func match(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.match)
        let q = try QueryParameters(request, allowed: ["limit", "tolerance", "map", "near_misses"])
        let options = try MatchController(registry: registry, matchers: matchers, computations: computations).matchOptions(q)
        let withMap = try q.bool("map")
        let id = try context.parameters.require("id")
        let registry = self.registry, matchers = self.matchers
        return try await computations.run(request, context) { _ in try matchers.use { matcher in
            guard let p = try registry.project(id: id) else { throw APIError.notFound("no project with id \"\(id)\"") }
            guard let json = p.demandJSON else { throw APIError.notFound("project \(id) has no demand recorded") }
            let source = "project \(id)'s demand"
            let demands = try DemandReader.read(Data(json.utf8), file: source)
            var check = DemandCheck(registry: registry, book: matcher.book)
            let problems = try check.problems(demands)
            if !problems.isEmpty { throw MatchInputErrors(file: source, errors: problems) }
            let answer = try matcher.match(demands[0], options: options)
            var members: [String: JSONAny] = ["project": .string(id), "answer": try JSONResponse.raw(answer)]
            if withMap {
                var map = try SiteMap(registry: registry)
                try map.add(answer)
                members["map"] = .raw(try map.data(name: "candidates"))
            }
            return JSONResponse.object(members)
        } }
    }

    /// A project write's answer: 201 with the event and the new ETag, or 409 with the current project and version.
    func written(_ id: String, _ ifMatch: IfMatch, _ body: @escaping @Sendable () throws -> ProjectEvent) async throws -> Response {
        do {
            let e = try await Blocking.run(body)
            var headers = HTTPFields()
            headers[.eTag] = VersionTag.project(e.id)
            headers[.location] = "/api/projects/\(id)/history"
            return try JSONResponse.make(e, status: .created, headers: headers)
        } catch is VersionConflict {
            let (members, version) = try await current(id)
            var headers = HTTPFields()
            headers[.eTag] = VersionTag.project(version)
            var current = members
            current["etag"] = .string(VersionTag.project(version))
            return APIError(.conflict, kind: "conflict",
                            "project \(id) changed since the version you sent (\(ifMatch.header.prefix(40))); its current version is \(VersionTag.project(version)): look at it and try again",
                            extra: ["current": .object(current)]).response.with(headers)
        }
    }

    /// The project as `show --json` gives it, with its version.
    func current(_ id: String) async throws -> ([String: JSONAny], Int64) {
        let registry = self.registry
        return try await Blocking.run {
            guard let p = try registry.project(id: id) else { throw APIError.notFound("no project with id \"\(id)\"") }
            let history = try registry.projectHistory(id: id)
            let (actuals, incentives) = try registry.projectFigures(id: id)
            let version = history.map(\.id).max() ?? 0
            return (["project": try JSONResponse.raw(p), "history": try JSONResponse.raw(history), "actuals": try JSONResponse.raw(actuals),
                     "incentives": try JSONResponse.raw(incentives), "etag": .string(VersionTag.project(version))], version)
        }
    }

    static let stages = ProjectStage.allCases.map(\.rawValue).joined(separator: ", ")
}

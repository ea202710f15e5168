import Foundation
import Hummingbird
import LandbankMatching
import LandbankRegistry

/// Matching (`landbank match`) and the contiguous blocks (`landbank blocks`), with an optional map of what was
/// found (RFC 7946, drawn by the web page).
struct MatchController {
    let registry: Registry
    let matchers: MatcherPool
    /// Matching and the blocks run through it: bounded, timed, stopped when their client goes.
    let computations: Computations

    func add(to group: RouterGroup<AppContext>) {
        group.post("match", use: match)
        group.get("blocks", use: blocks)
    }

    /// POST /api/match. The body is one demand (the answer, as `match --json`), `{"demands": […]}` (each
    /// answered independently: `{"answers": […]}`), or `{"batch": […], "explain": bool, "time_limit_s": n}`
    /// (assigned jointly, as `match --batch --json`). `?map=true` adds `map`, the candidates as GeoJSON;
    /// `?near_misses=false` leaves out `excluded` and `near_misses` (the searches behind them cost far more than
    /// the candidates on a large registry).
    @Sendable func match(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.match)
        let q = try QueryParameters(request, allowed: ["limit", "tolerance", "map", "near_misses"])
        let options = try matchOptions(q)
        let withMap = try q.bool("map")
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let asked = try MatchRequest(Data(body.readableBytesView))
        let registry = self.registry, matchers = self.matchers
        return try await computations.run(request, context) { deadline in try matchers.use { matcher in
            var check = DemandCheck(registry: registry, book: matcher.book)
            let problems = try check.problems(asked.demands)
            if !problems.isEmpty { throw MatchInputErrors(file: "request body", errors: problems) }
            if asked.batch {
                // The solver's own limit ends by the request's deadline: GLPK does not look at the task.
                let left = deadline - .now
                let limit = min(asked.timeLimit.map { Duration.milliseconds(Int($0 * 1000)) } ?? left, left)
                let answer = try matcher.assign(asked.demands, options: options, explain: asked.explain,
                                                timeLimit: max(.milliseconds(1), limit))
                return try JSONResponse.make(answer)
            }
            let answers = try asked.demands.map { try matcher.match($0, options: options) }
            if !withMap && asked.single { return try JSONResponse.make(answers[0]) }
            var members: [String: JSONAny] = ["answers": try JSONResponse.raw(answers)]
            if withMap {
                var map = try SiteMap(registry: registry)
                for a in answers { try map.add(a) }
                members["map"] = .raw(try map.data(name: "candidates"))
            }
            return JSONResponse.object(members)
        } }
    }

    /// GET /api/blocks?min_mu=M[&tolerance=5][&zone=Z][&map=true]: `landbank blocks --json`.
    @Sendable func blocks(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let q = try QueryParameters(request, allowed: ["min_mu", "tolerance", "zone", "map"])
        guard let minMu = try q.measure("min_mu") else { throw APIError.badRequest("min_mu is required (the smallest block, mu)") }
        let toleranceM = try Self.tolerance(q)
        let zone = q.string("zone"), withMap = try q.bool("map")
        let registry = self.registry
        return try await computations.run(request, context) { _ in
            let blocks = try BlockFinder.find(registry, book: try PolicyBook(registry: registry), minMu: minMu,
                                              toleranceM: toleranceM, zone: zone)
            var members: [String: JSONAny] = ["blocks": try JSONResponse.raw(blocks), "min_mu": .number(minMu),
                                              "tolerance_m": .number(toleranceM)]
            if withMap {
                var map = try SiteMap(registry: registry)
                map.add(blocks)
                members["map"] = .raw(try map.data(name: "blocks"))
            }
            return JSONResponse.object(members)
        }
    }

    /// `limit`, `tolerance` and `near_misses` (default true).
    func matchOptions(_ q: QueryParameters) throws -> MatchOptions {
        MatchOptions(limit: try q.int("limit", in: 0...1000) ?? 10, toleranceM: try Self.tolerance(q),
                     explain: q.string("near_misses") == nil ? true : try q.bool("near_misses"))
    }

    static func tolerance(_ q: QueryParameters) throws -> Double {
        let t = try q.double("tolerance") ?? 5
        guard (0...1000).contains(t) else { throw APIError.badRequest("tolerance: \(t) m is not from 0 to 1000") }
        return t
    }
}

/// What a match request asks: its demands, read and checked as the CLI reads a demand file.
struct MatchRequest: Sendable {
    var demands: [Demand]
    var single = false
    var batch = false
    var explain = false
    var timeLimit: Double?

    init(_ data: Data) throws {
        guard let top = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("the body is not JSON: send a demand object, {\"demands\": […]} or {\"batch\": […]}")
        }
        guard let object = top as? [String: Any], object["demands"] != nil || object["batch"] != nil else {
            demands = try DemandReader.read(data, file: "request body")
            single = top is [String: Any]
            return
        }
        let allowed: Set<String> = object["batch"] != nil ? ["batch", "explain", "time_limit_s"] : ["demands"]
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(.unprocessableContent, kind: "invalid_input", "request body: unknown key \"\(unknown.prefix(40))\" beside \(allowed.sorted().joined(separator: ", "))")
        }
        batch = object["batch"] != nil
        let list = object["batch"] ?? object["demands"]!
        guard list is [Any] else { throw APIError(.unprocessableContent, kind: "invalid_input", "request body: \(batch ? "batch" : "demands") must be an array of demands") }
        demands = try DemandReader.read(try JSONSerialization.data(withJSONObject: list), file: "request body")
        if let e = object["explain"] {
            guard let b = e as? Bool else { throw APIError(.unprocessableContent, kind: "invalid_input", "request body: explain must be true or false") }
            explain = b
        }
        if let t = object["time_limit_s"] {
            guard let s = t as? Double, s.isFinite, s > 0, s <= 600 else {
                throw APIError(.unprocessableContent, kind: "invalid_input", "request body: time_limit_s must be a number of seconds above 0, at most 600")
            }
            timeLimit = s
        }
    }
}

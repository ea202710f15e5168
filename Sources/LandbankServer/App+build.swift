import Foundation
import Hummingbird
import LandbankMatching
import LandbankRegistry
import Logging

/// landbank's server: the JSON API under /api, the web page at /, the OpenAPI document at /openapi.json.
/// `address` defaults to loopback: the server listens elsewhere only when told to. `computations` bounds the long
/// requests (by default as `config` says; tests pass their own to watch it).
public func buildApplication(registry: Registry, config: ServerConfig = ServerConfig(),
                             address: BindAddress = .hostname("127.0.0.1", port: 8080),
                             computations: Computations? = nil,
                             onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    // An export to a client that went away writes into a closed pipe (the public view): that must fail, not kill.
    signal(SIGPIPE, SIG_IGN)
    var logger = Logger(label: "landbank.serve")
    logger.logLevel = .notice
    let router = try buildRouter(registry: registry, config: config, computations: computations ?? Computations(config))
    // Each connection gets a watch that sees its client go away, so that the computations for it stop.
    return Application(router: router, server: .http1(configuration: .init(additionalChannelHandlers: [ClientWatch()])),
                       configuration: ApplicationConfiguration(address: address, serverName: "landbank"),
                       onServerRunning: { await onServerRunning($0.localAddress?.port) },
                       logger: logger)
}

/// The router alone: every route of the API and the page (tests list its routes against the OpenAPI document).
public func buildRouter(registry: Registry, config: ServerConfig = ServerConfig(),
                        computations: Computations? = nil) throws -> Router<AppContext> {
    let computations = computations ?? Computations(config)
    let router = Router(context: AppContext.self)
    router.add(middleware: ErrorMiddleware())
    try WebController().add(to: router)
    let api = router.group("api").add(middleware: TokenAuthenticator(registry: registry, config: config))
    api.get("me", use: { (_: Request, context: AppContext) -> Response in
        JSONResponse.object(["name": context.caller.name.map(JSONAny.string) ?? .null,
                             "role": context.caller.role.map { .string($0.rawValue) } ?? .null,
                             "reads": .string(context.caller.may(.readAll) ? "all" : context.caller.may(.readPublished) ? "published" : "nothing"),
                             "may_match": .bool(context.caller.may(.match)), "may_write": .bool(context.caller.may(.write)),
                             "may_manage_projects": .bool(context.caller.may(.manageProjects)),
                             "tile_url": config.tileURL.map(JSONAny.string) ?? .null])
    })
    ParcelController(registry: registry, config: config).add(to: api)
    BuildingController(registry: registry, config: config).add(to: api)
    FiguresController(registry: registry).add(to: api)
    // Matchers kept between requests, one per computation thread, made anew after a commit (see MatcherPool).
    let matchers = MatcherPool(registry: registry)
    computations.warmUp { try matchers.use { _ in } }
    MatchController(registry: registry, matchers: matchers, computations: computations).add(to: api)
    PolicyController(registry: registry).add(to: api)
    ProjectController(registry: registry, matchers: matchers, computations: computations).add(to: api)
    ProjectFiguresController(registry: registry).add(to: api)
    ExportController(registry: registry).add(to: api)
    ImportController(registry: registry, config: config, uploads: try UploadFolder()).add(to: api)
    ImportLogController(registry: registry).add(to: api)
    EfficiencyController(registry: registry, config: config, computations: computations).add(to: api)
    return router
}

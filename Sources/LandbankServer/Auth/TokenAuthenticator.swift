import Hummingbird
import LandbankRegistry

/// Reads `Authorization: Bearer TOKEN` and sets the caller. A token that is not known (or was revoked) is
/// refused with 401, never taken as anonymous, so a revoked clerk notices at once.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = AppContext
    let registry: Registry
    let config: ServerConfig

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIError(.unauthorized, kind: "unauthorized", "the Authorization header must be \"Bearer TOKEN\"")
            }
            let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
            let registry = self.registry
            guard let found = try await Blocking.run({ try registry.authenticate(token) }) else {
                throw APIError(.unauthorized, kind: "unauthorized", "the token is not known or was revoked")
            }
            context.caller = .token(found)
        } else {
            context.caller = .anonymous(published: config.publish)
        }
        return try await next(request, context)
    }
}

import Foundation
import Hummingbird
import LandbankMatching
import LandbankRegistry

/// A refusal the server says as JSON `{"error": "…", "kind": "…"}` with its HTTP status.
struct APIError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status
    var kind: String
    var description: String
    /// Further members of the error object (e.g. the current version on a conflict, every bad demand).
    var extra: [String: JSONAny] = [:]
    /// Seconds to wait before trying again (Retry-After), for a 503 that waiting cures: the registry busy, the
    /// server's computations full. A time limit is not such a one.
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, kind: String, _ message: String, extra: [String: JSONAny] = [:], retryAfter: Int? = nil) {
        self.status = status
        self.kind = kind
        description = message
        self.extra = extra
        self.retryAfter = retryAfter
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, kind: "invalid_input", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, kind: "not_found", message) }

    /// Any error as the API says it: the library's kind (`ErrorCategory`) chooses the status, so bad input is
    /// always a 4xx and only the server's own trouble (a damaged registry, a full disk) is a 5xx.
    static func from(_ error: Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case is CancellationError:
            // Its client went away (nobody reads this) or the server is stopping.
            return APIError(.serviceUnavailable, kind: "cancelled", "the request was cancelled: its client went away or the server is stopping")
        case let e as MatchInputErrors:
            return APIError(.unprocessableContent, kind: "invalid_input", e.errors.first.map(\.description) ?? "bad demands",
                            extra: ["errors": .array(e.errors.map { .string($0.description) })])
        case let e as CategorizedError:
            return APIError(status(of: e.category), kind: e.category.rawValue, "\(e)", retryAfter: e.category == .busy ? 1 : nil)
        case let e as HTTPError:
            return APIError(e.status, kind: kind(of: e.status), e.body ?? e.status.reasonPhrase)
        case let e as DecodingError:
            return .badRequest("the request body is not what this endpoint reads: \(describe(e))")
        default:
            return APIError(.internalServerError, kind: "other", "\(error)")
        }
    }

    static func status(of category: ErrorCategory) -> HTTPResponse.Status {
        switch category {
        case .invalidInput: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .busy: .serviceUnavailable
        case .readOnly: .forbidden
        case .storage: .init(code: 507, reasonPhrase: "Insufficient Storage")
        case .notARegistry, .corrupt, .other: .internalServerError
        }
    }

    static func kind(of status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400, 422: "invalid_input"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "too_large"
        default: status.code >= 500 ? "other" : "invalid_input"
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map(\.stringValue).joined(separator: ".")
            return p.isEmpty ? "" : "\(p): "
        }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return path(c) + c.debugDescription
        case .keyNotFound(let k, let c): return path(c) + "\(k.stringValue) is missing"
        @unknown default: return "\(e)"
        }
    }

    /// The error as a response.
    var response: Response {
        var object: [String: JSONAny] = extra
        object["error"] = .string(description)
        object["kind"] = .string(kind)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONAny.object(object).data)))
    }
}

/// Turns every error thrown below it into the JSON error object with its status.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let e = APIError.from(error)
            if e.status.code >= 500, e.kind != "cancelled" { context.logger.error("\(request.method) \(request.uri.path): \(e.description)") }
            return e.response
        }
    }
}

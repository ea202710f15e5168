import Foundation
import Hummingbird

/// Responses in JSON, encoded as the CLI's `--json` encodes them (sorted keys, slashes unescaped).
enum JSONResponse {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        data(try encoder().encode(value), status: status, headers: headers)
    }

    static func data(_ data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
                     contentType: String = "application/json; charset=utf-8") -> Response {
        var h = headers
        h[.contentType] = contentType
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func object(_ members: [String: JSONAny], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        data(JSONAny.object(members).data, status: status, headers: headers)
    }

    /// An Encodable value as a pre-encoded JSON part.
    static func raw<T: Encodable>(_ value: T) throws -> JSONAny { .raw(try encoder().encode(value)) }
}

import Foundation

/// A JSON value read strictly, so that a demand or a policy can say which key has the wrong type: a number is
/// never taken for a boolean or the other way round (JSONDecoder refuses both).
indirect enum JSONTree: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONTree].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONTree].self)) }
    }

    /// Parses text; a syntax error becomes one line (the decoder's own words, shortened).
    static func parse(_ data: Data) throws -> JSONTree {
        do { return try JSONDecoder().decode(JSONTree.self, from: data) } catch {
            let why: String
            if case DecodingError.dataCorrupted(let ctx) = error {
                why = (ctx.underlyingError.map { "\($0.localizedDescription)" } ?? ctx.debugDescription)
            } else {
                why = "\(error)"
            }
            throw JSONTreeError(reason: "not valid JSON (\(why.prefix(160)))")
        }
    }

    /// The kind, as a message names it.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

struct JSONTreeError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Why a WKT text could not be read, and where.
public struct WKTError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// `found` is nil at the end of the text.
        case unexpectedToken(expected: String, found: String?)
        case expectedNumber(found: String?)
        /// The text ends inside the parenthesis opened at this 0-based character offset.
        case unterminated(openedAt: Int)
        case trailingText(String)
        /// The text is well formed but the geometry breaks an invariant or is of the wrong type.
        case geometry(GeometryError)
    }

    /// 0-based offset, in Unicode scalars, of the problem in the text; the description counts from 1.
    public var offset: Int
    public var reason: Reason

    public init(offset: Int, _ reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedToken(let expected, let found):
            what = "expected \(expected) but found \(Self.quote(found))"
        case .expectedNumber(let found):
            what = "expected a number but found \(Self.quote(found))"
        case .unterminated(let openedAt):
            what = "text ends before the '(' at character \(openedAt + 1) is closed"
        case .trailingText(let text):
            what = "unexpected text '\(text)' after the geometry"
        case .geometry(let error):
            what = error.description
        }
        return "WKT at character \(offset + 1): \(what)"
    }

    private static func quote(_ token: String?) -> String {
        token.map { "'\($0)'" } ?? "end of text"
    }
}

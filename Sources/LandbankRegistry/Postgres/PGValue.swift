import Foundation

/// A parameter of a PostgreSQL statement, sent as text (or, for bytes, in binary) and typed by the server
/// from the statement's context.
enum PGValue: Sendable {
    case text(String)
    case bytes([UInt8])
}

/// A Swift value that can be a statement parameter.
protocol PGEncodable {
    var pgValue: PGValue { get }
}

extension String: PGEncodable { var pgValue: PGValue { .text(self) } }
extension Int: PGEncodable { var pgValue: PGValue { .text(String(self)) } }
extension Int64: PGEncodable { var pgValue: PGValue { .text(String(self)) } }
extension Int32: PGEncodable { var pgValue: PGValue { .text(String(self)) } }
extension Bool: PGEncodable { var pgValue: PGValue { .text(self ? "true" : "false") } }
extension Array: PGEncodable where Element == UInt8 { var pgValue: PGValue { .bytes(self) } }
extension Data: PGEncodable { var pgValue: PGValue { .bytes([UInt8](self)) } }
extension Double: PGEncodable {
    /// Swift's shortest round-trip text: the server reads back exactly this double (float8 input is exact).
    var pgValue: PGValue { .text(isFinite ? "\(self)" : (isNaN ? "NaN" : (self > 0 ? "Infinity" : "-Infinity"))) }
}

/// A Swift value read from a result column (text format).
protocol PGDecodable {
    init?(pgText: String)
}

extension String: PGDecodable { init?(pgText: String) { self = pgText } }
extension Int: PGDecodable { init?(pgText: String) { self.init(pgText) } }
extension Int64: PGDecodable { init?(pgText: String) { self.init(pgText) } }
extension Int32: PGDecodable { init?(pgText: String) { self.init(pgText) } }
extension Double: PGDecodable {
    /// float8 output (extra_float_digits ≥ 1, the default since PostgreSQL 12) is the shortest exact text.
    init?(pgText: String) { self.init(pgText) }
}
extension Bool: PGDecodable {
    init?(pgText: String) {
        switch pgText { case "t", "true", "1": self = true; case "f", "false", "0": self = false; default: return nil }
    }
}
extension Array: PGDecodable where Element == UInt8 {
    /// bytea's hex output, `\x0a1b…`.
    init?(pgText: String) {
        let u = Array(pgText.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x"), u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity((u.count - 2) / 2)
        var i = 2
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self = out
    }
}

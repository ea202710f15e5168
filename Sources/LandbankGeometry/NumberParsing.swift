#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON number token (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`) split into its decimal parts:
/// the value is ±significand × 10^exponent when `isExact`, i.e. when no significant digit had to be dropped.
struct DecimalToken {
    var length: Int
    var negative: Bool
    var significand: UInt64
    var exponent: Int
    var isExact: Bool
}

enum NumberScan {
    case number(DecimalToken)
    case invalid
    /// The bytes ran out inside the token and more may follow: the caller must supply more.
    case incomplete
}

/// Scans the JSON number at `p`. `isComplete` says that no byte follows the `count` given (end of file,
/// or a copy holding the whole token), so that reaching the end ends the number rather than making it incomplete.
@inline(__always)
func scanJSONNumber(_ p: UnsafePointer<UInt8>, count n: Int, isComplete: Bool) -> NumberScan {
    var i = 0
    var token = DecimalToken(length: 0, negative: false, significand: 0, exponent: 0, isExact: true)
    if p[0] == UInt8(ascii: "-") {
        token.negative = true
        i = 1
    }
    @inline(__always) func digit(_ i: Int) -> UInt8? {
        let d = p[i] &- UInt8(ascii: "0")
        return d < 10 ? d : nil
    }
    var significantDigits = 0
    // Integer part: a single 0, or digits not starting with 0.
    guard i < n else { return isComplete ? .invalid : .incomplete }
    guard let first = digit(i) else { return .invalid }
    i += 1
    if first != 0 {
        token.significand = UInt64(first)
        significantDigits = 1
        while i < n, let d = digit(i) {
            if significantDigits < 19 {
                token.significand = token.significand &* 10 &+ UInt64(d)
                significantDigits += 1
            } else {
                token.exponent += 1
                if d != 0 { token.isExact = false }
            }
            i += 1
        }
    } else if i < n, digit(i) != nil {
        return .invalid  // a leading zero
    }
    // Fraction.
    if i < n, p[i] == UInt8(ascii: ".") {
        i += 1
        let fractionStart = i
        while i < n, let d = digit(i) {
            if significantDigits == 0 && d == 0 {
                token.exponent -= 1  // leading zeros of 0.000123 only move the point
            } else if significantDigits < 19 {
                token.significand = token.significand &* 10 &+ UInt64(d)
                token.exponent -= 1
                significantDigits += 1
            } else if d != 0 {
                token.isExact = false
            }
            i += 1
        }
        if i == fractionStart { return i < n || isComplete ? .invalid : .incomplete }
    }
    // Exponent.
    if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
        i += 1
        var negativeExponent = false
        if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negativeExponent = p[i] == UInt8(ascii: "-")
            i += 1
        }
        let exponentStart = i
        var e = 0
        while i < n, let d = digit(i) {
            if e < 100_000 { e = e * 10 + Int(d) }  // far past any double; keeps the sum from overflowing
            i += 1
        }
        if i == exponentStart { return i < n || isComplete ? .invalid : .incomplete }
        token.exponent += negativeExponent ? -e : e
    }
    if i == n && !isComplete { return .incomplete }
    token.length = i
    return .number(token)
}

/// 10^0 ... 10^22: every power of ten that a double holds exactly.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The double nearest to the token, bit-identical to `strtod`.
/// Clinger's fast path: a significand of at most 2^53 and a power of ten of at most 10^22 are both exact
/// doubles, so one IEEE multiplication or division rounds correctly. Anything else goes to `strtod`.
@inline(__always)
func doubleValue(of token: DecimalToken, text p: UnsafePointer<UInt8>) -> Double {
    if token.isExact && token.significand <= 1 << 53 && token.exponent >= -22 && token.exponent <= 22 {
        let m = Double(token.significand)
        let v = token.exponent < 0 ? m / exactPowersOfTen[-token.exponent] : m * exactPowersOfTen[token.exponent]
        return token.negative ? -v : v
    }
    return slowDoubleValue(text: p, length: token.length)
}

/// `strtod` in the C locale on a NUL-terminated copy of the token.
@inline(never)
private func slowDoubleValue(text p: UnsafePointer<UInt8>, length: Int) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { copy in
        let base = copy.baseAddress!
        UnsafeMutableRawPointer(base).copyMemory(from: p, byteCount: length)
        base[length] = 0
        // A process may have set a locale whose decimal separator is a comma; JSON's is always '.'.
        let previous = uselocale(CLocale.numeric)
        defer { uselocale(previous) }
        return strtod(base, nil)
    }
}

private enum CLocale {
    // Created once and never freed; a locale_t may be used from any thread.
    nonisolated(unsafe) static let numeric = newlocale(1 << LC_NUMERIC, "C", nil)
}

/// Parses a whole byte string as one JSON number; nil when it is not exactly one. For tests and small callers.
func parseJSONDouble(_ bytes: [UInt8]) -> Double? {
    guard !bytes.isEmpty else { return nil }
    return bytes.withUnsafeBufferPointer { b -> Double? in
        guard case .number(let token) = scanJSONNumber(b.baseAddress!, count: b.count, isComplete: true),
              token.length == b.count else { return nil }
        return doubleValue(of: token, text: b.baseAddress!)
    }
}

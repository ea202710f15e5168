#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import LandbankGeometry

/// The reference: the C library's correctly rounded conversion.
private func strtodValue(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
}

@Suite("JSON number parsing")
struct NumberParsingTests {
    static let tricky = [
        "114.12345678901234", "3575.105", "-0.0", "0", "-0", "1e-7", "4.9e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308", "12345678901234567890",
        "0.1", "0.3", "1.7976931348623157e308", "1.7976931348623158e308", "9007199254740993", "9007199254740992",
        "9007199254740991.5", "1e22", "1e23", "8.98846567431158e307", "123456789012345678901234567890e-10",
        "0.000000000000000000000000000000000000001", "3079000.0", "489100.000000001", "27.8123456", "-114.9999999999",
        "1E+2", "1e-22", "1e-23", "0.1e1", "100000000000000000000000000000000000000000000000000000000000001e-60",
        "7.2057594037927933e16", "5e-324", "1e999", "-1e999", "1e-999", "6.02214076E23", "3.141592653589793238462643",
    ]

    @Test("tricky literals convert bit for bit as strtod does")
    func trickyLiterals() {
        for text in Self.tricky {
            let parsed = parseJSONDouble(Array(text.utf8))
            #expect(parsed?.bitPattern == strtodValue(text).bitPattern, "\(text)")
        }
    }

    @Test("100,000 random literals of every length convert bit for bit as strtod does")
    func randomLiterals() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            var text = random(2) == 0 ? "-" : ""
            let intDigits = 1 + random(20)
            text += String(1 + random(9))
            for _ in 1..<intDigits { text += String(random(10)) }
            if random(3) > 0 {
                text += "."
                for _ in 0..<(1 + random(20)) { text += String(random(10)) }
            }
            if random(3) == 0 { text += "e" + String(random(80) - 40) }
            if parseJSONDouble(Array(text.utf8))?.bitPattern != strtodValue(text).bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("what JSON does not allow is not a number")
    func notNumbers() {
        for text in ["NaN", "Infinity", "-Infinity", "01", "-01", "1.", ".5", "+1", "1e", "1e+", "-", "", "1.5x", "0x10", "1,5"] {
            #expect(parseJSONDouble(Array(text.utf8)) == nil, "\(text)")
        }
    }
}

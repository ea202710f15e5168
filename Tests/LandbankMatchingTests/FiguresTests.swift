import Foundation
import Testing
@testable import LandbankMatching

/// The figures the answers say: printf's rounding, no trailing zeros.
@Suite("Figures in the answers")
struct FiguresTests {
    @Test("text gives Foundation's %.Nf with the trailing zeros dropped, on random and edge values")
    func textAsPrintf() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.0005, -0.0004, 1, 12.5, 83.4, 1e15, -1e300, 1.7976931348623157e308, 2.675, 0.1 + 0.2]
        for _ in 0 ..< 2000 {
            values.append(Double.random(in: -1e6 ... 1e6, using: &rng) * pow(10, Double(Int.random(in: -6 ... 3, using: &rng))))
        }
        for v in values {
            for decimals in 0 ... 6 {
                var expected = String(format: "%.\(decimals)f", v)
                if expected.contains(".") {
                    while expected.hasSuffix("0") { expected.removeLast() }
                    if expected.hasSuffix(".") { expected.removeLast() }
                }
                if expected == "-0" { expected = "0" }
                #expect(Figures.text(v, decimals: decimals) == expected, "\(v) to \(decimals) places")
            }
        }
        #expect(Figures.text(12.5) == "12.5")
        #expect(Figures.text(7.2, decimals: 1) == "7.2")
        #expect(Figures.text(-0.0001) == "0")
        #expect(Figures.text(.infinity) == "inf")
    }
}

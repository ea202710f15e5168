import Foundation

/// Numbers as the answers say them: no trailing zeros, at most `decimals` places.
enum Figures {
    static func text(_ v: Double, decimals: Int = 3) -> String {
        guard v.isFinite else { return "\(v)" }
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Rounded to `decimals` places, for JSON.
    static func rounded(_ v: Double, _ decimals: Int) -> Double {
        let f = pow(10, Double(decimals))
        return (v * f).rounded() / f
    }

    /// A change rounded up to a figure a person would say: 2 significant digits, never below the exact need.
    static func roundUp(_ v: Double) -> Double {
        guard v > 0, v.isFinite else { return v }
        // Shed the last bits of floating-point noise (8 − 6.8 = 1.2000000000000002) before rounding up.
        let v = v * (1 - 1e-12)
        let step = pow(10, floor(log10(v)) - 1)
        return (v / step).rounded(.up) * step
    }
}

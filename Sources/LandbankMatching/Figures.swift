import Foundation

/// Numbers as the answers say them: no trailing zeros, at most `decimals` places.
enum Figures {
    /// (printf's `%.Nf`, through the C library: Foundation's `String(format:)` was a tenth of a match answer's
    /// time, every reason saying a few figures.)
    static func text(_ v: Double, decimals: Int = 3) -> String {
        guard v.isFinite else { return "\(v)" }
        let places = Int32(max(0, min(decimals, 17)))
        // %.*f of a finite double needs at most 309 digits before the point, a sign, the point and 17 places.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buf -> String in
            let n = withVaList([places, v]) { vsnprintf(buf.baseAddress!, buf.count, "%.*f", $0) }
            var end = Int(max(0, min(n, Int32(buf.count - 1))))
            if buf[0 ..< end].contains(0x2E) { // "."
                while end > 0, buf[end - 1] == 0x30 { end -= 1 } // "0"
                if end > 0, buf[end - 1] == 0x2E { end -= 1 }
            }
            let s = String(decoding: UnsafeRawBufferPointer(start: buf.baseAddress, count: end), as: UTF8.self)
            return s == "-0" ? "0" : s
        }
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

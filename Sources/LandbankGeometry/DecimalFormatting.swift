/// A double written with at most `decimals` digits after the point, trailing zeros dropped (as ogr2ogr's
/// COORDINATE_PRECISION does): 114.90 → "114.9", 114.99999999 at 7 decimals → "115", -0.00000004 → "0".
/// Written by scaling to an integer and emitting its digits: no String(format:), no `description`, no allocation.
struct DecimalFormat {
    let decimals: Int
    /// 10^decimals, exact as a double for decimals ≤ 22 and as an integer for decimals ≤ 18.
    private let scale: Double
    private let integerScale: UInt64

    init(decimals: Int) {
        // A double carries at most 17 significant digits, so more decimals mean nothing. Callers that take decimals from a user check
        // this bound first and throw (`Registry.export`: `ExportOptions.maximumDecimals`; the CLI's `validate()`),
        // so reaching it is a caller's bug, not bad data.
        precondition((0...17).contains(decimals), "decimals must be in 0...17")
        self.decimals = decimals
        var s: UInt64 = 1
        for _ in 0..<decimals { s *= 10 }
        integerScale = s
        scale = Double(s)
    }

    /// Appends `value` (finite) rounded half away from zero at the last decimal. The rounding is that of the
    /// exact binary value: a product `value × 10^decimals` that lands on .5 only through its own rounding
    /// is corrected with the product's exact error (an FMA): 0.015 (really 0.01499999999999999944...) times
    /// 100 rounds to exactly 1.5, yet gives "0.01" at 2 decimals, as printf would. Reading the text back gives `n / 10^decimals` for the
    /// integer `n` written, so the output round-trips exactly.
    func append(_ value: Double, to out: inout [UInt8]) {
        precondition(value.isFinite, "only finite values are formatted; Ring keeps coordinates finite")
        let magnitude = value.magnitude
        let scaled = magnitude * scale
        var rounded = scaled.rounded(.toNearestOrAwayFromZero)
        if rounded - scaled == 0.5 && (-scaled).addingProduct(magnitude, scale) < 0 {
            rounded -= 1  // the exact product lies just below the tie
        }
        guard rounded < 9_007_199_254_740_992 else {  // 2^53: past it every double is an integer anyway
            appendLarge(value, to: &out)
            return
        }
        let n = UInt64(rounded)
        if n == 0 {
            out.append(UInt8(ascii: "0"))  // never "-0"
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        Self.appendDigits(n / integerScale, minimumWidth: 1, to: &out)
        var fraction = n % integerScale
        guard fraction != 0 else { return }
        var width = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        Self.appendDigits(fraction, minimumWidth: width, to: &out)
    }

    /// A magnitude whose scaled value passes 2^53: its decimals are beyond a double's precision, so
    /// Swift's shortest round-tripping text is as exact as any (exponent form, `1e+20`, is valid JSON).
    @inline(never)
    private func appendLarge(_ value: Double, to out: inout [UInt8]) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// The decimal digits of `n`, left-padded with zeros to `minimumWidth`.
    @inline(__always)
    static func appendDigits(_ n: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = n / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, minimumWidth)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        out.withUnsafeMutableBufferPointer { b in
            var i = start + count
            var v = n
            while v > 0 {
                i -= 1
                b[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
    }

    /// `value` as text, for callers that build a `JSONValue` (areas, lengths).
    func text(_ value: Double) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

import LandbankLifecycle

/// Amounts as the seeds write them: 亿元 from one 亿 up ("65.1亿元", "383.6亿元", "5亿元"), 万元 from one 万 up
/// ("6000万元", "8000万元"), yuan below. Exact: the decimals that the amount has, trailing zeros dropped, never
/// rounded (1 fen is 0.0000000001亿元), so that a sum shown agrees with its parts to the fen.
public enum ChineseAmount {
    static let yi: UInt64 = 10_000_000_000   // fen in 1 亿元
    static let wan: UInt64 = 1_000_000        // fen in 1 万元

    public static func text(_ m: Money) -> String {
        let sign = m.fen < 0 ? "-" : ""
        let f = m.fen.magnitude
        if f >= yi { return sign + decimal(f, unit: yi, places: 10) + "亿元" }
        if f >= wan { return sign + decimal(f, unit: wan, places: 6) + "万元" }
        return sign + decimal(f, unit: 100, places: 2) + "元"
    }

    /// `value / unit` written exactly, where `unit` is 10^places.
    static func decimal(_ value: UInt64, unit: UInt64, places: Int) -> String {
        let whole = value / unit
        var frac = String(value % unit)
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? "\(whole)" : "\(whole).\(frac)"
    }

    /// Reads an amount as the seeds write it, exactly: "383.6亿元", "50亿", "6000万元", "1234.56元", or bare yuan
    /// ("4800000000"); nil for anything else, or more decimals than the unit allows down to the fen, or a
    /// negative amount.
    public static func parse(_ text: String) -> Money? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("元") { t.removeLast() }
        var places = 2, unit: UInt64 = 100
        if t.hasSuffix("亿") { t.removeLast(); places = 10; unit = yi } else if t.hasSuffix("万") { t.removeLast(); places = 6; unit = wan }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber),
              let w = UInt64(whole) else { return nil }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 1 || (!frac.isEmpty && frac.count <= places && frac.allSatisfy { $0.isASCII && $0.isNumber }) else { return nil }
        let f = UInt64(frac + String(repeating: "0", count: places - frac.count)) ?? 0
        let (a, o1) = w.multipliedReportingOverflow(by: unit)
        let (fen, o2) = a.addingReportingOverflow(f)
        guard !o1, !o2, fen <= UInt64(Int64.max) else { return nil }
        return Money(fen: Int64(fen))
    }
}

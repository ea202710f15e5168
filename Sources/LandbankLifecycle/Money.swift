/// An exact amount of renminbi in fen, parsed from and written as a decimal yuan string without floating point.

/// An amount of 人民币 (renminbi), stored exactly as a whole number of 分 (fen, 1/100 yuan).
///
/// Land prices and idle fees are legal figures: they must add up to the fen, so no `Double` is involved
/// in parsing, printing or percentages.
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in fen (分); 100 fen = 1 yuan.
    public var fen: Int64

    public init(fen: Int64) {
        self.fen = fen
    }

    /// Parses a decimal yuan amount exactly: an optional leading `-`, one or more ASCII digits, and optionally
    /// a `.` followed by one or two digits ("1234567.89", "-20", "0.5").
    ///
    /// Strict on purpose: nil for three or more decimals ("1.234" would need rounding), thousands separators,
    /// a `+`, a unit ("元"), spaces, ".5", "5.", and amounts beyond `Int64` fen (about 9.2e16 yuan).
    public init?(yuan text: String) {
        let all = Array(text.utf8)
        var bytes = all[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let integerDigits = bytes.prefix { $0 != UInt8(ascii: ".") }
        var fractionDigits = bytes.dropFirst(integerDigits.count)
        let hasPoint = !fractionDigits.isEmpty
        if hasPoint { fractionDigits = fractionDigits.dropFirst() }
        guard !integerDigits.isEmpty, !hasPoint || (1...2).contains(fractionDigits.count) else { return nil }

        var magnitude: Int64 = 0
        func append(_ digit: UInt8) -> Bool {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return false }
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            magnitude = sum
            return !o1 && !o2
        }
        for d in integerDigits { guard append(d) else { return nil } }
        // Pad the fraction to exactly two digits: "0.5" is 50 fen.
        let fraction = Array(fractionDigits) + Array(repeating: UInt8(ascii: "0"), count: 2 - fractionDigits.count)
        for d in fraction { guard append(d) else { return nil } }
        fen = negative ? -magnitude : magnitude
    }

    /// The amount in yuan with exactly two decimals and no grouping: "1234567.89", "-0.50", "0.00".
    /// `Money(yuan: m.yuanText) == m` for every amount.
    public var yuanText: String {
        let magnitude = fen.magnitude  // UInt64, so that Int64.min does not trap
        let cents = magnitude % 100
        let sign = fen < 0 ? "-" : ""
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `p` percent of the amount, rounded half away from zero to the fen, in integer arithmetic:
    /// 20% of 123.46 = 24.692 → 24.69; 20% of 0.03 = 0.006 → 0.01; 50% of -0.05 = -0.025 → -0.03.
    public func percent(_ p: Int) -> Money {
        let (product, overflow) = fen.multipliedReportingOverflow(by: Int64(p))
        // Only an absurd amount overflows (above about 9e16 fen at 100%); that is a bug upstream, not land data.
        precondition(!overflow, "Money.percent overflowed: \(yuanText) × \(p)%")
        var quotient = product / 100           // truncates toward zero
        let remainder = product % 100          // same sign as product
        if remainder.magnitude * 2 >= 100 { quotient += product < 0 ? -1 : 1 }
        return Money(fen: quotient)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
}

extension Money: AdditiveArithmetic {
    public static var zero: Money { Money(fen: 0) }
    /// Traps on overflow, which takes sums beyond about 9.2e16 yuan: never land prices.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
}

extension Money: CustomStringConvertible {
    /// Same as `yuanText`: "1234567.89".
    public var description: String { yuanText }
}

extension Money: Codable {
    /// Encoded as the string "1234567.89", not a JSON number: JSON decoders commonly read numbers as `Double`,
    /// which cannot hold every fen amount above 2^53 fen and turns 0.1 into 0.1000000000000000055…;
    /// a string keeps the figure exact in every reader.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(yuanText)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let money = Money(yuan: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a yuan amount with at most two decimals: \"\(text)\"")
        }
        self = money
    }
}

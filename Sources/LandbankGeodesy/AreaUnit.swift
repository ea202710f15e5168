/// Units of land area used in Chinese land administration.
public enum AreaUnit: String, CaseIterable, Sendable {
    case squareMetre = "m2"
    /// 亩 — mu: 10000/15 m² exactly.
    case mu
    /// Hectare: 10,000 m² = 15 mu.
    case hectare = "ha"

    public var squareMetres: Double {
        switch self {
        case .squareMetre: return 1
        case .mu: return 10000.0 / 15.0
        case .hectare: return 10000
        }
    }

    /// Converts m² to this unit. For mu this is m² × 15 / 10000, kept as one multiplication and one division
    /// so that no rounding happens before the caller's final one.
    public func fromSquareMetres(_ m2: Double) -> Double {
        switch self {
        case .squareMetre: return m2
        case .mu: return m2 * 15 / 10000
        case .hectare: return m2 / 10000
        }
    }
}

/// Neumaier's compensated sum: totals of a million areas stay exact to far below 0.001 mu.
public struct CompensatedSum: Sendable {
    public private(set) var sum = 0.0
    private var compensation = 0.0

    public init() {}

    public mutating func add(_ v: Double) {
        let t = sum + v
        if abs(sum) >= abs(v) { compensation += (sum - t) + v } else { compensation += (v - t) + sum }
        sum = t
    }

    public var value: Double { sum + compensation }
}

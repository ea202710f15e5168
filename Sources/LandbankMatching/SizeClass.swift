/// The size classes of a supply runway (尚可供应年限), in cadastral mu: small plots, mid-size, large, and the
/// 500-mu-and-more blocks zones keep for major projects (连片, "地等项目"). Each class holds its lower bound.
public enum SizeClass: String, CaseIterable, Sendable, Encodable {
    case under30 = "<30"
    case from30 = "30-100"
    case from100 = "100-500"
    case from500 = ">=500"

    /// The class an area falls in: [0, 30), [30, 100), [100, 500), [500, ∞).
    public init(mu: Double) {
        switch mu {
        case ..<30: self = .under30
        case ..<100: self = .from30
        case ..<500: self = .from100
        default: self = .from500
        }
    }

    public var minMu: Double {
        switch self {
        case .under30: return 0
        case .from30: return 30
        case .from100: return 100
        case .from500: return 500
        }
    }

    /// The upper bound, excluded (nil: none).
    public var maxMu: Double? {
        switch self {
        case .under30: return 30
        case .from30: return 100
        case .from100: return 500
        case .from500: return nil
        }
    }

    /// As a table shows it: "< 30", "30–100", "100–500", "≥ 500".
    public var label: String {
        switch self {
        case .under30: return "< 30"
        case .from30: return "30–100"
        case .from100: return "100–500"
        case .from500: return "≥ 500"
        }
    }
}

/// A demand's hard requirements, by the key that states each. A site that fails one is never a candidate.
public enum Requirement: String, CaseIterable, Sendable, Comparable {
    case zones
    case near = "near.max_km"
    case landMu = "land_mu"
    case floorSpace = "floor_space_m2"
    case clearHeight = "clear_height_m"
    case floorLoad = "floor_load_kn_m2"
    case power = "power_kva"
    case crane = "crane_t"
    case landPrice = "max_land_price_yuan_per_mu"
    case rent = "max_rent_yuan_m2_month"
    case availableBy = "available_by"
    /// The site's zone's admission gates (标准地) and refused industries.
    case zonePolicy = "zone_policy"

    public static func < (a: Requirement, b: Requirement) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// What it is called in a sentence.
    var words: String {
        switch self {
        case .zones: return "zone"
        case .near: return "distance"
        case .landMu: return "land area"
        case .floorSpace: return "floor space"
        case .clearHeight: return "clear height"
        case .floorLoad: return "floor load"
        case .power: return "power"
        case .crane: return "crane"
        case .landPrice: return "land price"
        case .rent: return "rent"
        case .availableBy: return "availability date"
        case .zonePolicy: return "zone policy"
        }
    }
}

/// How far a site falls short of one requirement, in the requirement's unit.
///
/// Its words are made only when read: a demand screens thousands of sites, of which only the candidates and the
/// near misses kept are ever put in words, and formatting the figures of every failure cost more than the search.
public struct Shortfall: Sendable, Equatable {
    public enum Direction: String, Sendable { case raise, lower }

    public var requirement: Requirement
    /// "clear height: 7.2 m of 8 m"; "investment intensity 138 万元/亩, 12 below the 150 gate".
    public var text: String { words() }
    private let words: @Sendable () -> String
    /// The change of the demand's figure that would let the site pass (positive), in `unit`; nil when no
    /// figure of the demand can change it (an industry the zone refuses, a zone not allowed).
    public var change: Double?
    public var unit: String
    /// Which way the demand's figure must move: raise a maximum, lower a minimum.
    public var direction: Direction
    /// `change` over the demand's figure: how small the change is, for ranking near misses.
    public var relative: Double

    init(requirement: Requirement, text: @autoclosure @escaping @Sendable () -> String, change: Double?, unit: String,
         direction: Direction, relative: Double) {
        self.requirement = requirement
        words = text
        self.change = change
        self.unit = unit
        self.direction = direction
        self.relative = relative
    }

    public static func == (a: Shortfall, b: Shortfall) -> Bool {
        a.requirement == b.requirement && a.change == b.change && a.unit == b.unit && a.direction == b.direction
            && a.relative == b.relative && a.text == b.text
    }
}

/// What one requirement says of one site.
enum Outcome: Sendable {
    case pass
    case fail(Shortfall)
    /// The site has no data for it (unknown power, no rent): not refused, ranked lower, named.
    case unknown(String)
}

import LandbankLifecycle

/// One investor's demand (招商需求): what site it needs (hard requirements, never violated) and what it would
/// rather have (`prefer`, soft wishes with weights, which rank). Read from JSON by `DemandReader`, keys with
/// their units in the name (README, "Matching").
public struct Demand: Sendable, Equatable {
    /// Land (one parcel or joined neighbouring parcels), vacant floor space in a factory building, or either.
    public enum Wants: String, Sendable, CaseIterable { case land, floorSpace = "floor_space", either }

    /// An inclusive range; either end may be open.
    public struct Bounds: Sendable, Equatable {
        public var min: Double?
        public var max: Double?
        public init(min: Double? = nil, max: Double? = nil) { self.min = min; self.max = max }
        /// What `area_fit` aims at: the middle of the range, or its one end.
        var target: Double? { min.flatMap { lo in max.map { (lo + $0) / 2 } ?? lo } ?? max }
    }

    /// A WGS 84 point and the farthest a site's nearest edge may be from it, km (on the ellipsoid).
    public struct Near: Sendable, Equatable {
        public var lon: Double
        public var lat: Double
        public var maxKm: Double
    }

    public var id: String
    public var name: String?
    public var industry: Industry?
    public var wants: Wants
    public var landMu: Bounds?
    public var floorSpaceM2: Bounds?
    public var clearHeightM: Double?
    public var floorLoadKNm2: Double?
    public var powerKVA: Double?
    public var craneT: Double?
    public var near: Near?
    /// Only these zones (nil: any).
    public var zones: [String]?
    public var maxLandPriceYuanPerMu: Double?
    public var maxRentYuanM2Month: Double?
    /// The site must be available on or before this date.
    public var availableBy: CivilDate?
    /// What the investor promises, read by the zones' gates (标准地).
    public var investmentYuan: Double?
    public var annualTaxYuan: Double?
    public var annualOutputYuan: Double?
    public var energyTcePerYear: Double?
    /// The plot ratio (容积率) the project plans, read by a minimum-plot-ratio gate.
    public var plotRatio: Double?
    public var prefer: Preferences

    public init(id: String, wants: Wants = .either) {
        self.id = id
        self.wants = wants
        prefer = Preferences()
    }

    var wantsLand: Bool { wants != .floorSpace }
    var wantsFloor: Bool { wants != .land }
}

/// Soft wishes, each with a positive weight; a site scores the weighted mean of how well it meets them.
public struct Preferences: Sendable, Equatable {
    /// Nearer the `near` point.
    public var nearer: Double?
    /// Area (land mu, or vacant floor m²) closer to the middle of the demand's range.
    public var areaFit: Double?
    /// A standard factory building (标准厂房).
    public var standardFactory: Double?
    /// Lower rent or land price.
    public var lowerCost: Double?
    /// Fewer parcels in a joined site.
    public var fewParcels: Double?
    /// A more compact shape (Polsby–Popper, a square scoring 1).
    public var compact: Double?
    /// A zone whose policy names the demand's industry as leading.
    public var leadingIndustry: Double?
    /// Weight per zone name.
    public var zones: [String: Double] = [:]

    public init() {}

    var isEmpty: Bool { self == Preferences() }

    /// The summed weights of the wishes but nearness and cost, which a site meets at most fully each.
    var others: Double {
        [areaFit, standardFactory, fewParcels, compact, leadingIndustry].compactMap { $0 }.reduce(0, +) + zones.values.reduce(0, +)
    }

    static let keys = ["nearer", "area_fit", "standard_factory", "lower_cost", "few_parcels", "compact",
                       "leading_industry", "zones"]
}

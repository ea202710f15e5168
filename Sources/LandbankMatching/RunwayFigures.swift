import LandbankLifecycle
import LandbankRegistry

/// How long one stock lasts at one pace: `available` (mu or m²) against `needPerYear` of the same unit.
public struct Pace: Sendable, Equatable {
    /// Demands counted, and the area they need in all (over the pipeline's years) and in one year.
    public var demands: Int
    public var need: Double
    public var needPerYear: Double
    /// Sites on offer (parcels, blocks or buildings) and their area.
    public var sites: Int
    public var available: Double
    /// `available ÷ needPerYear`; nil when nothing is needed (never runs short at this pace).
    public var years: Double?
    /// The day the stock is used up: `from` plus `years` (nil when `years` is nil or past 1,000 years or 9999).
    public var runsShort: CivilDate?

    init(demands: Int, need: Double, pipelineYears: Double, sites: Int, available: Double, from: CivilDate) {
        self.demands = demands
        self.need = need
        needPerYear = need / pipelineYears
        self.sites = sites
        self.available = available
        years = needPerYear > 0 ? available / needPerYear : nil
        runsShort = years.flatMap { Self.date(after: $0, from: from) }
    }

    /// `years` after `from`: whole calendar years (`CivilDate.adding(years:)`), then the fraction of the next
    /// year's own length in days, rounded down (1.5 years from 2025-01-01: 2026-01-01 plus 182 of 365 days).
    static func date(after years: Double, from: CivilDate) -> CivilDate? {
        guard years.isFinite, years >= 0, years <= 1000 else { return nil }
        // Shed floating-point noise first (89.99999999 mu ÷ 45 a year is 2 years, not a day short of them).
        let years = (years * 1e6).rounded() / 1e6
        let whole = Int(years.rounded(.down))
        guard CivilDate.years.contains(from.year + whole + 1) else { return nil }
        let start = from.adding(years: whole), next = from.adding(years: whole + 1)
        return start.adding(days: Int(((years - Double(whole)) * Double(next.days(from: start))).rounded(.down)))
    }
}

/// One size class of land: single parcels of the class, and contiguous blocks whose summed area is in it.
public struct ClassRunway: Sendable {
    public var sizeClass: SizeClass
    /// Demands whose land figure is in the class, against single available parcels of the class.
    public var parcels: Pace
    /// The same demands against contiguous blocks (joined within the tolerance) classed by their summed area.
    public var joined: Pace
}

/// A pipeline's supply runway (尚可供应年限): per land size class, all land, and vacant floor space.
public struct Runway: Sendable {
    public var from: CivilDate
    /// The years of demand the pipeline file covers.
    public var pipelineYears: Double
    public var zone: String?
    public var toleranceM: Double
    public var classes: [ClassRunway]
    /// All land: every land demand against every available parcel.
    public var land: Pace
    public var floorSpace: Pace
    /// Demands that state no area for what they want (land without `land_mu`, floor space without
    /// `floor_space_m2`): not counted.
    public var unsized: [String]
    /// With a zone: demands whose `zones` leave it out, not counted.
    public var elsewhere: [String]
    /// When the pipeline is the registry's own projects: the stages' conversion rates and each project's weight.
    public var pipeline: PipelinePull?
}

extension Pace: Encodable {
    enum CodingKeys: String, CodingKey {
        case demands, need, needPerYear = "need_per_year", sites, available, years, runsShort = "runs_short"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(demands, forKey: .demands)
        try c.encode(Figures.rounded(need, 3), forKey: .need)
        try c.encode(Figures.rounded(needPerYear, 3), forKey: .needPerYear)
        try c.encode(sites, forKey: .sites)
        try c.encode(Figures.rounded(available, 3), forKey: .available)
        try c.encode(years.map { Figures.rounded($0, 3) }, forKey: .years)
        try c.encode(runsShort, forKey: .runsShort)
    }
}

extension ClassRunway: Encodable {
    enum CodingKeys: String, CodingKey { case sizeClass = "class", minMu = "min_mu", maxMu = "max_mu", parcels, joined }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sizeClass, forKey: .sizeClass)
        try c.encode(sizeClass.minMu, forKey: .minMu)
        try c.encode(sizeClass.maxMu, forKey: .maxMu)
        try c.encode(parcels, forKey: .parcels)
        try c.encode(joined, forKey: .joined)
    }
}

extension Runway: Encodable {
    enum CodingKeys: String, CodingKey {
        case from, pipelineYears = "pipeline_years", zone, toleranceM = "tolerance_m", classes, land
        case floorSpace = "floor_space", unsized, elsewhere, pipeline
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(pipelineYears, forKey: .pipelineYears)
        try c.encode(zone, forKey: .zone)
        try c.encode(toleranceM, forKey: .toleranceM)
        try c.encode(classes, forKey: .classes)
        try c.encode(land, forKey: .land)
        try c.encode(floorSpace, forKey: .floorSpace)
        try c.encode(unsized, forKey: .unsized)
        try c.encode(elsewhere, forKey: .elsewhere)
        try c.encodeIfPresent(pipeline, forKey: .pipeline)
    }
}

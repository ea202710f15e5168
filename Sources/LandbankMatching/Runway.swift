import LandbankLifecycle
import LandbankRegistry

/// What a runway is measured with.
public struct RunwayOptions: Sendable {
    /// The years of demand the pipeline file covers: its pace is its total need ÷ this.
    public var years: Double
    /// The day the runway starts (today, in China Standard Time, by default).
    public var from: CivilDate
    /// Parcels this close (m) or touching form one block in the joined figures.
    public var toleranceM: Double
    /// Only the land and floor space of this zone, and the demands that allow it.
    public var zone: String?

    public init(years: Double = 1, from: CivilDate = .today(), toleranceM: Double = 5, zone: String? = nil) {
        self.years = years
        self.from = from
        self.toleranceM = toleranceM
        self.zone = zone
    }
}

/// 尚可供应年限 — how many years the available land and floor space last at a pipeline's pace.
///
/// Method (README, "Supply runway"): the pipeline file holds `years` years of demand. Each demand takes what it
/// wants: land (`wants` land, or either with a `land_mu` range) takes its `land_mu` figure — the middle of
/// min and max, or the one end given — and falls in that figure's size class; floor space takes its
/// `floor_space_m2` figure the same way. Per class, the need per year (mu) is set against the single available
/// parcels of the class, by cadastral mu (available as the matcher finds them: each zone's offered statuses,
/// `SiteFinder`); years = available ÷ need per year, and the stock runs short that many years after `from`.
/// The joined figures set the same need against contiguous blocks (`BlockFinder.components`, within the
/// tolerance), each block counted once in the class of its summed area, single parcels being blocks of one:
/// what the zone could offer if it always joined neighbours. Both views split the same land, so "all land" is one
/// figure. Floor space is one stock: the vacant m² of available buildings against the floor demands' m² a year.
/// A stock is used as a whole: parcels are not split, but neither is a project's fit to one parcel checked; the
/// matcher answers that, the runway only the pace. Only reads.
extension Runway {
    public static func measure(_ demands: [Demand], registry: Registry, book: PolicyBook,
                               options: RunwayOptions = RunwayOptions()) throws -> Runway {
        try measure(weighted: demands.map { ($0, 1) }, registry: registry, book: book, options: options)
    }

    /// The same, each demand's area counted `weight` times (0…1: the chance that the project signs, when the
    /// pipeline comes from the registry's projects, `Registry.pipelinePull`). `demands` still counts projects.
    public static func measure(weighted demands: [(demand: Demand, weight: Double)], registry: Registry, book: PolicyBook,
                               options: RunwayOptions = RunwayOptions()) throws -> Runway {
        var landNeed: [SizeClass: (count: Int, mu: Double)] = [:]
        var floorNeed = (count: 0, m2: 0.0)
        var unsized: [String] = [], elsewhere: [String] = []
        for (d, weight) in demands {
            if let zone = options.zone, let allowed = d.zones, !allowed.contains(zone) {
                elsewhere.append(d.id)
                continue
            }
            switch take(d) {
            case .land(let mu):
                let c = SizeClass(mu: mu)
                landNeed[c, default: (0, 0)].count += 1
                landNeed[c, default: (0, 0)].mu += mu * weight
            case .floor(let m2): floorNeed.count += 1; floorNeed.m2 += m2 * weight
            case .unsized: unsized.append(d.id)
            }
        }

        let finder = SiteFinder(registry: registry, book: book, search: try SiteSearch(registry))
        let (parcels, shapes) = try BlockFinder.availableLand(registry, book: book, zone: options.zone)
        let blocks = try BlockFinder.components(of: parcels, shapes: shapes, registry: registry, toleranceM: options.toleranceM)
            .map { $0.reduce(0) { $0 + $1.siteMu } }
        func pace(_ need: (count: Int, mu: Double), _ stock: [Double]) -> Pace {
            Pace(demands: need.count, need: need.mu, pipelineYears: options.years, sites: stock.count,
                 available: stock.reduce(0, +), from: options.from)
        }
        let areas = parcels.map(\.siteMu)
        let classes = SizeClass.allCases.map { c in
            let need = landNeed[c] ?? (0, 0)
            return ClassRunway(sizeClass: c, parcels: pace(need, areas.filter { SizeClass(mu: $0) == c }),
                               joined: pace(need, blocks.filter { SizeClass(mu: $0) == c }))
        }
        let allLand = landNeed.values.reduce((count: 0, mu: 0.0)) { ($0.count + $1.count, $0.mu + $1.mu) }
        let vacant = try finder.availableFloor(zone: options.zone).compactMap { $0.0.vacantFloorAreaM2 }
        return Runway(from: options.from, pipelineYears: options.years, zone: options.zone, toleranceM: options.toleranceM,
                      classes: classes, land: pace(allLand, areas), floorSpace: pace((floorNeed.count, floorNeed.m2), vacant),
                      unsized: unsized, elsewhere: elsewhere)
    }

    /// What one demand takes from the stock.
    enum Take: Equatable { case land(Double), floor(Double), unsized }

    /// Land when it wants land, or either and gives a land range (a project that can build takes land for
    /// good); floor space otherwise. The figure is the range's middle, or its one end.
    static func take(_ d: Demand) -> Take {
        if d.wants == .land || (d.wants == .either && d.landMu != nil) {
            return d.landMu?.target.map(Take.land) ?? .unsized
        }
        return d.floorSpaceM2?.target.map(Take.floor) ?? .unsized
    }
}

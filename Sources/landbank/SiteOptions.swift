import ArgumentParser
import LandbankGeometry
import LandbankLifecycle
import LandbankRegistry

/// The building criteria of a site search (`list` asks them of a parcel's buildings, `building list` of each).
struct BuildingFilterOptions: ParsableArguments {
    @Option(name: .customLong("min-vacant-m2"), help: "A building with at least this much vacant floor space, m².")
    var minVacantM2: Double?
    @Option(help: "A building with at least this clear height, m.") var minClearHeight: Double?
    @Option(help: "A building with at least this floor load, kN/m².") var minFloorLoad: Double?
    @Option(help: "A building with at least this power supply, kVA.") var minPowerKva: Double?
    @Option(help: "A building with a crane of at least this many tonnes.") var minCraneT: Double?
    @Flag(help: "A standard factory building (标准厂房).") var standardFactory = false
    @Option(help: "A building available on or before this date (YYYY-MM-DD); one with no date does not qualify.")
    var availableBy: CivilDate?

    var criteria: BuildingCriteria {
        BuildingCriteria(minVacantM2: minVacantM2, minClearHeightM: minClearHeight, minFloorLoadKNm2: minFloorLoad,
                         minPowerKVA: minPowerKva, minCraneT: minCraneT, standardFactory: standardFactory,
                         availableBy: availableBy)
    }

    func validate() throws {
        try OptionRanges.area(minVacantM2, "--min-vacant-m2")
        try OptionRanges.measure(minClearHeight, "--min-clear-height", unit: "m")
        try OptionRanges.measure(minFloorLoad, "--min-floor-load", unit: "kN/m²")
        try OptionRanges.measure(minPowerKva, "--min-power-kva", unit: "kVA")
        try OptionRanges.measure(minCraneT, "--min-crane-t", unit: "t")
    }
}

/// `--near LON,LAT --within-km K`: sites within K km of a WGS 84 point, nearest first.
struct NearOptions: ParsableArguments {
    @Option(help: "Sites near this WGS 84 point, LON,LAT in degrees (nearest first; needs --within-km).")
    var near: LonLat?
    @Option(help: "With --near: only sites within this many km (ellipsoidal distance to the nearest edge).")
    var withinKm: Double?

    var point: NearPoint? {
        near.map { NearPoint(lon: $0.lon, lat: $0.lat, withinKm: withinKm ?? 0) }
    }

    func validate() throws {
        switch (near, withinKm) {
        case (nil, nil): return
        case (nil, _?): throw ValidationError("--within-km needs --near LON,LAT")
        case (_?, nil): throw ValidationError("--near needs --within-km K (the radius in km)")
        case (let p?, let k?): try OptionRanges.near(lon: p.lon, lat: p.lat, withinKm: k)
        }
    }
}

/// A longitude,latitude pair given as one argument.
struct LonLat: ExpressibleByArgument {
    var lon: Double
    var lat: Double

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lon = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let lat = Double(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.lon = lon
        self.lat = lat
    }
}

/// MINX,MINY,MAXX,MAXY in the registry's CRS (the envelope `show` prints).
struct Box: ExpressibleByArgument {
    var box: BoundingBox

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4 else { return nil }
        box = BoundingBox(minX: parts[0], minY: parts[1], maxX: parts[2], maxY: parts[3])
    }
}

/// The site filters of `list`, `stats` and `export`, beside --status and --zone: land use, cadastral mu, a box,
/// a point and radius, and the building filters. Together they make a `ParcelQuery`.
struct SiteFilterOptions: ParsableArguments {
    @Option(help: "Only parcels with this land use.") var landUse: String?
    @Option(help: "Only parcels of at least this cadastral area, mu.") var minMu: Double?
    @Option(help: "Only parcels of at most this cadastral area, mu.") var maxMu: Double?
    @Option(help: "Only parcels meeting the box MINX,MINY,MAXX,MAXY in the registry's CRS (as `show` prints the envelope).")
    var bbox: Box?
    @OptionGroup var near: NearOptions
    @OptionGroup var buildings: BuildingFilterOptions

    func validate() throws {
        try OptionRanges.mu(min: minMu, max: maxMu)
        try OptionRanges.box(bbox?.box)
    }

    func query(_ filter: FilterOptions, sort: ParcelSort? = nil, limit: Int? = nil, pageToken: String? = nil) -> ParcelQuery {
        ParcelQuery(status: filter.status, zone: filter.zone, landUse: landUse, minMu: minMu, maxMu: maxMu, bbox: bbox?.box,
                    near: near.point, buildings: buildings.criteria, sort: sort, limit: limit, pageToken: pageToken)
    }
}

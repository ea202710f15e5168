import LandbankGeometry
import LandbankRegistry

/// The joined sites for one demand: available parcels that meet every requirement but the area (and the zone's
/// per-mu gates, which depend on the whole site's area) are the parts; `Assembly` enumerates the connected sets
/// of parts whose summed area lies in the demand's range; each set is then judged as one site (area, gates on
/// the summed area) with its distance the nearest part's.
struct JoinedSites {
    let finder: SiteFinder
    let screen: Screen
    let options: MatchOptions

    func find(_ d: Demand) throws -> ([(Site, Screening)], AssemblyReport) {
        guard let bounds = d.landMu, let lo = bounds.min else { return ([], AssemblyReport(parts: 0, sets: 0, toleranceM: options.toleranceM, maxParcels: options.maxParcels, exact: true)) }
        var parts: [ParcelHit] = []
        for hit in try finder.land(d, parts: true) {
            let alone = screen.judge(Site(land: [hit.parcel], distanceKm: hit.distanceKm))
            if alone.failed.isSubset(of: [.landMu, .zonePolicy]) { parts.append(hit) }
        }
        // No set can reach the minimum when all the parts together do not.
        guard parts.reduce(0, { $0 + ($1.parcel.cadastralAreaMu ?? $1.parcel.ellipsoidalAreaMu) }) >= lo else {
            return ([], AssemblyReport(parts: parts.count, sets: 0, toleranceM: options.toleranceM, maxParcels: options.maxParcels, exact: true))
        }
        // Which parts lie within the tolerance of each other (as `Registry.neighbours` measures it), found in
        // memory for all parts at once: their shapes in one read, pairs from a grid, a GEOS distance per pair.
        let registry = finder.registry
        guard registry.crs.kind == .projected else {
            throw RegistryError(path: registry.path, kind: .invalidArgument,
                                "neighbours are measured in metres; \(registry.crs.identifier) is geographic")
        }
        var adjacency = Array(repeating: [Int](), count: parts.count)
        let shapes = try finder.shapes(parts.map(\.parcel.parcelID))
        for (i, j) in try PlanarAdjacency.pairs(shapes, tolerance: options.toleranceM) {
            adjacency[i].append(j)
            adjacency[j].append(i)
        }
        for i in adjacency.indices { adjacency[i].sort() }
        let areas = parts.map { $0.parcel.cadastralAreaMu ?? $0.parcel.ellipsoidalAreaMu }
        let result = Assembly(maxParcels: options.maxParcels)
            .connectedSets(areas: areas, adjacency: adjacency, min: lo, max: bounds.max)
        try Task.checkCancellation()  // a cancelled search stops early (Assembly) and must not pass for an answer
        let sites = result.sets.map { set -> (Site, Screening) in
            let members = set.map { parts[$0] }
            let km = members.compactMap(\.distanceKm).min()
            let site = Site(land: members.map(\.parcel), distanceKm: d.near == nil ? nil : km)
            return (site, screen.judge(site))
        }
        return (sites, AssemblyReport(parts: parts.count, sets: result.sets.count, toleranceM: options.toleranceM,
                                      maxParcels: options.maxParcels, exact: result.exact))
    }

    /// The GEOS union of parcels and its compactness.
    static func union(_ ids: [String], finder: SiteFinder) throws -> UnionShape {
        let geos = try GEOSContext()
        return try geos.union(try ids.map { .multiPolygon(try finder.shape($0)) })
    }
}

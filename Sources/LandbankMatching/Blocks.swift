import LandbankGeodesy
import LandbankGeometry
import LandbankRegistry

/// A contiguous block of available land (连片): parcels joined through neighbours that touch or lie within
/// the tolerance, with their summed cadastral area and the GEOS union of their shapes.
public struct Block: Sendable, Encodable {
    public var parcels: [String]
    public var areaMu: Double
    public var zones: [String]
    public var shape: UnionShape

    enum CodingKeys: String, CodingKey {
        case parcels, areaMu = "area_mu", parcelCount = "parcel_count", zones, parts, compactness
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parcels, forKey: .parcels)
        try c.encode(Figures.rounded(areaMu, 3), forKey: .areaMu)
        try c.encode(parcels.count, forKey: .parcelCount)
        try c.encode(zones, forKey: .zones)
        try c.encode(shape.geometry.polygons.count, forKey: .parts)
        try c.encode(Figures.rounded(shape.compactness, 3), forKey: .compactness)
    }
}

/// Finds the contiguous blocks of available land of at least `minMu`: the connected components of the graph
/// of available parcels (each zone's offered statuses, found as the matcher finds them) whose edges join parcels
/// within `toleranceM` metres (0 = touching), as PostGIS's `ST_ClusterDBSCAN(geom, eps := tolerance, minpoints
/// := 1)` clusters them. The parcels come from the status index, their neighbours from the R*Tree
/// (`Registry.neighbours`); components are exact (union–find over every edge). Largest block first.
public enum BlockFinder {
    ///
    /// `adding`: parcels joined to the available land whatever their status (of `zone`, when given), e.g. the
    /// inefficient-land list, to see the blocks they would form with it.
    public static func find(_ registry: Registry, book: PolicyBook, adding ids: [String] = [], minMu: Double,
                            toleranceM: Double = 5, zone: String? = nil) throws -> [Block] {
        let finder = SiteFinder(registry: registry, book: book, search: try SiteSearch(registry))
        var parcels = try finder.availableLand(zone: zone)
        var seen = Set(parcels.map(\.parcelID))
        for id in ids where !seen.contains(id) {
            guard let p = try registry.parcel(id: id)?.parcel, zone == nil || p.zone == zone else { continue }
            parcels.append(p)
            seen.insert(id)
        }
        let geos = try GEOSContext()
        var blocks: [Block] = []
        for members in try components(of: parcels, finder: finder, toleranceM: toleranceM) {
            try Task.checkCancellation()  // a server's request cancelled: each union is GEOS work
            let area = members.reduce(0) { $0 + $1.siteMu }
            guard area >= minMu else { continue }
            let shapes = try members.map { Geometry.multiPolygon(try finder.shape($0.parcelID)) }
            let zones = Array(Set(members.compactMap(\.zone))).sorted()
            blocks.append(Block(parcels: members.map(\.parcelID), areaMu: area, zones: zones, shape: try geos.union(shapes)))
        }
        return blocks.sorted { $0.areaMu > $1.areaMu || ($0.areaMu == $1.areaMu && $0.parcels[0] < $1.parcels[0]) }
    }

    /// The connected components of `parcels` joined where `Registry.neighbours` would find them within
    /// `toleranceM` (GEOS distance at most the tolerance; pairs found in memory by `PlanarAdjacency`); a
    /// neighbour not among `parcels` joins nothing. Each component's parcels in id order.
    static func components(of parcels: [Parcel], finder: SiteFinder, toleranceM: Double) throws -> [[Parcel]] {
        let sorted = parcels.sorted { $0.parcelID < $1.parcelID }
        var parent = Array(sorted.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let registry = finder.registry
        if !sorted.isEmpty {
            // What `Registry.neighbours` refuses, refused the same way.
            guard toleranceM.isFinite, toleranceM >= 0, toleranceM <= 1000 else {
                throw RegistryError(path: registry.path, kind: .invalidArgument, "tolerance \(toleranceM) m: give 0 to 1000 m")
            }
            guard registry.crs.kind == .projected else {
                throw RegistryError(path: registry.path, kind: .invalidArgument,
                                    "neighbours are measured in metres; \(registry.crs.identifier) is geographic")
            }
        }
        for (i, j) in try PlanarAdjacency.pairs(try finder.shapes(sorted.map(\.parcelID)), tolerance: toleranceM) {
            let (a, b) = (root(i), root(j))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [Parcel]] = [:]
        for (i, p) in sorted.enumerated() { groups[root(i), default: []].append(p) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}

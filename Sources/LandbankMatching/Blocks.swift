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
/// of available parcels (each zone's offered statuses) whose edges join parcels within `toleranceM` metres
/// (0 = touching), as PostGIS's `ST_ClusterDBSCAN(geom, eps := tolerance, minpoints := 1)` clusters them. The
/// parcels come from the status index, their neighbours from the R*Tree (`Registry.neighbours`); components
/// are exact (union–find over every edge). Largest block first.
public enum BlockFinder {
    public static func find(_ registry: Registry, book: PolicyBook, minMu: Double, toleranceM: Double = 5,
                            zone: String? = nil) throws -> [Block] {
        var parcels: [String: Parcel] = [:]
        let search = try SiteSearch(registry)
        for status in book.landStatuses {
            for hit in try search.parcels(ParcelQuery(status: status, zone: zone)).hits
            where book.policy(hit.parcel.zone).availableStatuses.contains(status) {
                parcels[hit.parcel.parcelID] = hit.parcel
            }
        }
        let ids = parcels.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var parent = Array(ids.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for (i, id) in ids.enumerated() {
            for n in try registry.neighbours(of: id, tolerance: toleranceM) {
                guard let j = index[n.parcelID] else { continue }
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [String]] = [:]
        for (i, id) in ids.enumerated() { groups[root(i), default: []].append(id) }
        let geos = try GEOSContext()
        var blocks: [Block] = []
        for members in groups.values {
            let area = members.reduce(0) { $0 + (parcels[$1]!.cadastralAreaMu ?? parcels[$1]!.ellipsoidalAreaMu) }
            guard area >= minMu else { continue }
            var shapes: [Geometry] = []
            for id in members {
                guard let (_, g) = try registry.parcel(id: id) else { continue }
                shapes.append(.multiPolygon(g))
            }
            let zones = Array(Set(members.compactMap { parcels[$0]!.zone })).sorted()
            blocks.append(Block(parcels: members, areaMu: area, zones: zones, shape: try geos.union(shapes)))
        }
        return blocks.sorted { $0.areaMu > $1.areaMu || ($0.areaMu == $1.areaMu && $0.parcels[0] < $1.parcels[0]) }
    }
}

import LandbankGeodesy
import LandbankGeometry

/// Count and both areas of a set of parcels, in m² and mu. Exact sums (Neumaier) until `rounded()` is applied.
public struct AreaTotals: Sendable, Encodable {
    public var parcels: Int
    /// nil in a geographic registry, where only the ellipsoidal area applies.
    public var cadastralAreaM2: Double?
    public var cadastralAreaMu: Double?
    public var ellipsoidalAreaM2: Double
    public var ellipsoidalAreaMu: Double

    public init(parcels: Int, cadastralAreaM2: Double?, ellipsoidalAreaM2: Double) {
        self.parcels = parcels
        self.cadastralAreaM2 = cadastralAreaM2
        self.cadastralAreaMu = cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres)
        self.ellipsoidalAreaM2 = ellipsoidalAreaM2
        self.ellipsoidalAreaMu = AreaUnit.mu.fromSquareMetres(ellipsoidalAreaM2)
    }

    enum CodingKeys: String, CodingKey {
        case parcels, cadastralAreaM2 = "cadastral_area_m2", cadastralAreaMu = "cadastral_area_mu"
        case ellipsoidalAreaM2 = "ellipsoidal_area_m2", ellipsoidalAreaMu = "ellipsoidal_area_mu"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parcels, forKey: .parcels)
        try c.encode(cadastralAreaM2, forKey: .cadastralAreaM2)
        try c.encode(cadastralAreaMu, forKey: .cadastralAreaMu)
        try c.encode(ellipsoidalAreaM2, forKey: .ellipsoidalAreaM2)
        try c.encode(ellipsoidalAreaMu, forKey: .ellipsoidalAreaMu)
    }
}

/// Totals of a registry, overall and grouped by status and by zone.
///
/// Rounding: areas are summed unrounded; figures are then rounded to 0.01 m² and 0.001 mu, and the groups
/// of each grouping are apportioned by largest remainder so that they add up exactly to the rounded total.
public struct RegistryStats: Sendable, Encodable {
    public var crs: String
    public var crsName: String
    public var cadastralArea: String
    public var ellipsoidalArea: String
    public var total: AreaTotals
    public var byStatus: [(key: String, totals: AreaTotals)]
    public var byZone: [(key: String, totals: AreaTotals)]
    /// Floor space of the buildings on these parcels, overall and by the buildings' status.
    public var floorSpace: FloorSpaceTotals
    public var floorSpaceByStatus: [(key: String, totals: FloorSpaceTotals)]

    public static let noStatus = "unclassified"
    public static let noZone = "(no zone)"

    enum CodingKeys: String, CodingKey {
        case crs, crsName = "crs_name", cadastralArea = "cadastral_area", ellipsoidalArea = "ellipsoidal_area"
        case byStatus = "by_status", byZone = "by_zone", floorSpace = "floor_space", floorSpaceByStatus = "floor_space_by_status"
    }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One flat object: the overall figures at top level (`parcels`, `cadastral_area_m2`, ...), then `by_status`
    /// and `by_zone` objects keyed by status and zone.
    public func encode(to encoder: Encoder) throws {
        try total.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(crs, forKey: .crs)
        try c.encode(crsName, forKey: .crsName)
        try c.encode(cadastralArea, forKey: .cadastralArea)
        try c.encode(ellipsoidalArea, forKey: .ellipsoidalArea)
        var s = c.nestedContainer(keyedBy: DynamicKey.self, forKey: .byStatus)
        for g in byStatus { try s.encode(g.totals, forKey: DynamicKey(stringValue: g.key)) }
        var z = c.nestedContainer(keyedBy: DynamicKey.self, forKey: .byZone)
        for g in byZone { try z.encode(g.totals, forKey: DynamicKey(stringValue: g.key)) }
        try c.encode(floorSpace, forKey: .floorSpace)
        var f = c.nestedContainer(keyedBy: DynamicKey.self, forKey: .floorSpaceByStatus)
        for g in floorSpaceByStatus { try f.encode(g.totals, forKey: DynamicKey(stringValue: g.key)) }
    }

    /// The same figures rounded for publication (0.01 m², 0.001 mu), groups apportioned to add up to the total.
    public func rounded() -> RegistryStats {
        var r = self
        r.total = Self.round([total], total: total)[0]
        r.byStatus = zip(byStatus.map(\.key), Self.round(byStatus.map(\.totals), total: total)).map { ($0, $1) }
        r.byZone = zip(byZone.map(\.key), Self.round(byZone.map(\.totals), total: total)).map { ($0, $1) }
        return r
    }

    static func round(_ groups: [AreaTotals], total: AreaTotals) -> [AreaTotals] {
        var out = groups
        if let totalCad = total.cadastralAreaM2 {
            let m2 = Apportionment.round(groups.map { $0.cadastralAreaM2 ?? 0 }, total: totalCad, perUnit: 100)
            let mu = Apportionment.round(groups.map { $0.cadastralAreaMu ?? 0 }, total: total.cadastralAreaMu ?? 0, perUnit: 1000)
            for i in out.indices { out[i].cadastralAreaM2 = m2[i]; out[i].cadastralAreaMu = mu[i] }
        }
        let m2 = Apportionment.round(groups.map(\.ellipsoidalAreaM2), total: total.ellipsoidalAreaM2, perUnit: 100)
        let mu = Apportionment.round(groups.map(\.ellipsoidalAreaMu), total: total.ellipsoidalAreaMu, perUnit: 1000)
        for i in out.indices { out[i].ellipsoidalAreaM2 = m2[i]; out[i].ellipsoidalAreaMu = mu[i] }
        return out
    }
}

extension Registry {
    /// Totals over all parcels matching `filter`, grouped by status and zone.
    public func stats(_ filter: ParcelFilter = ParcelFilter()) throws -> RegistryStats {
        try stats(ParcelQuery(filter))
    }

    /// Totals over all parcels the query selects (its limit and page ignored), grouped by status and zone,
    /// with the floor space of their buildings.
    public func stats(_ query: ParcelQuery) throws -> RegistryStats {
        let projected = crs.kind == .projected
        var total = Accumulator(projected: projected)
        var byStatus: [String: Accumulator] = [:]
        var byZone: [String: Accumulator] = [:]
        var ids: Set<String> = []
        try forEachParcel(matching: query) { p in
            let cad = p.cadastralAreaM2, ell = p.ellipsoidalAreaM2
            total.add(cad, ell)
            byStatus[p.status?.rawValue ?? RegistryStats.noStatus, default: Accumulator(projected: projected)].add(cad, ell)
            byZone[p.zone ?? RegistryStats.noZone, default: Accumulator(projected: projected)].add(cad, ell)
            if !query.isPlain { ids.insert(p.parcelID) }
        }
        let ellipsoid = try crs.ellipsoid()
        // Status and zone only: buildings of that status (their own) in that zone, as ever; a site query: the
        // buildings on the parcels it selects.
        let floor = query.isPlain ? try floorSpace(query.plainFilter) : try floorSpace(ParcelFilter(zone: query.zone), parcels: ids)
        return RegistryStats(
            crs: crs.identifier, crsName: crs.name,
            cadastralArea: projected ? "planar, in \(crs.identifier) (\(crs.name))" : "not applicable in a geographic CRS",
            ellipsoidalArea: "geodesic, on the \(ellipsoid.name) ellipsoid (Karney)",
            total: total.totals,
            byStatus: byStatus.map { ($0.key, $0.value.totals) }.sorted { $0.key < $1.key },
            byZone: byZone.map { ($0.key, $0.value.totals) }.sorted { $0.key < $1.key },
            floorSpace: floor.total, floorSpaceByStatus: floor.byStatus)
    }
}

struct Accumulator {
    var count = 0
    var cadastral = CompensatedSum()
    var ellipsoidal = CompensatedSum()
    let projected: Bool

    init(projected: Bool) { self.projected = projected }

    mutating func add(_ cad: Double?, _ ell: Double) {
        count += 1
        if let cad { cadastral.add(cad) }
        ellipsoidal.add(ell)
    }

    var totals: AreaTotals {
        AreaTotals(parcels: count, cadastralAreaM2: projected ? cadastral.value : nil, ellipsoidalAreaM2: ellipsoidal.value)
    }
}

/// Rounds parts to 1/perUnit so that they add up to the rounded total (largest remainder method).
enum Apportionment {
    static func round(_ parts: [Double], total: Double, perUnit: Double) -> [Double] {
        units(parts, total: total, perUnit: perUnit).map { Double($0) / perUnit }
    }

    /// The parts in whole units of 1/perUnit, adding up to the rounded total.
    static func units(_ parts: [Double], total: Double, perUnit: Double) -> [Int64] {
        let target = Int64((total * perUnit).rounded())
        var units = parts.map { Int64(($0 * perUnit).rounded(.down)) }
        var remaining = target - units.reduce(0, +)
        let order = parts.indices.sorted {
            (parts[$0] * perUnit - Double(units[$0])) > (parts[$1] * perUnit - Double(units[$1]))
        }
        var k = 0
        while remaining > 0, !order.isEmpty {
            units[order[k % order.count]] += 1
            remaining -= 1
            k += 1
        }
        return units
    }
}

extension Registry {
    /// The parcels layer's extent as recorded in gpkg_contents.
    public func extent() throws -> BoundingBox {
        guard let box = try store.read({ try $0.extent() }) else {
            throw RegistryError(path: path, "the parcels layer has no extent yet (no parcels)")
        }
        return box
    }

    /// Entries in the parcels' R*Tree spatial index.
    public func indexedCount() throws -> Int {
        try store.read { try $0.indexedCount() }
    }
}

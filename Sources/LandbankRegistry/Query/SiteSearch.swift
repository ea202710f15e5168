import LandbankGeodesy
import LandbankGeometry

/// Runs site searches on one registry. It holds what each search would otherwise rebuild: the transformations
/// between WGS 84 lon/lat and the registry CRS and the geodesic of the registry's ellipsoid.
///
/// Distance (`distance_km`): the query point is transformed to the registry CRS; the nearest point of the
/// site's boundary is found in that plane (0 when the point lies inside); that boundary point is transformed
/// back to lon/lat and the geodesic from the query point to it measured on the registry CRS's ellipsoid
/// (Karney, `geod_inverse`). Within a few tens of km the plane's nearest point and the ellipsoid's differ by
/// far less than a metre.
///
/// The search itself runs in the store (`RegistryStore.findParcels`), through its indexes.
///
/// Thread rule: holds PROJ objects of the calling thread's context; make one per thread (or task).
public final class SiteSearch {
    let registry: Registry
    let toRegistry: Transformation
    let toLonLat: Transformation
    let geodesic: GeodesicDistance
    let projected: Bool
    /// Above this many attribute matches the R*Tree drives a spatial search; at or below, the attribute indexes do.
    static let attributeDriveLimit = 1024
    /// The first window's radius of a nearest-k search; it grows until k sites are known to be the nearest.
    static let firstRadiusKm = 1.0

    /// The next window's radius of a nearest-k search whose square window of `radius` km held `found` sites
    /// (fewer than `need` of them within the radius): the radius whose circle holds `need` sites at the density
    /// that window showed, a fifth more, growing at least 1.5× and at most 8× a round (4× after an empty window).
    /// Growing by the share found within the radius instead overshot far where the point lies off the land: 2 of
    /// 257 within the first kilometre made the next window 14 km wide, 4,000 sites decoded for 257.
    static func nextRadius(_ radius: Double, found: Int, need: Int) -> Double {
        guard found > 0 else { return radius * 4 }
        let density = Double(found) / (4 * radius * radius)
        let wanted = (Double(need) / (Double.pi * density)).squareRoot() * 1.2
        return radius * min(8, max(1.5, wanted / radius))
    }

    public init(_ registry: Registry) throws {
        self.registry = registry
        let geodesy = try ThreadGeodesy.current()
        toRegistry = try geodesy.transformation(from: "EPSG:4326", to: registry.store.crsDefinition)
        toLonLat = try geodesy.transformation(from: registry.store.crsDefinition, to: "EPSG:4326")
        geodesic = GeodesicDistance(try registry.crs.ellipsoid())
        projected = registry.crs.kind == .projected
    }

    /// The parcels a query asks for, one page of them. Throws an invalid-argument `RegistryError` for values
    /// that make no query (a minimum above a maximum, a latitude past 90°, a token from another search).
    public func parcels(_ q: ParcelQuery) throws -> SitePage<ParcelHit> {
        try registry.store.mapped { try registry.store.findParcels(q, search: self) }
    }

    /// The boxes of the parcels that may match the query within its `near` radius, from the spatial index alone
    /// (`RegistryStore.parcelBoxes`): for a look at where the candidates lie before reading any.
    public func parcelBoxes(_ q: ParcelQuery) throws -> [ParcelBox] {
        if let problem = q.problem { throw invalid(problem) }
        return try registry.store.mapped { try registry.store.parcelBoxes(q, search: self) }
    }

    /// The buildings a query asks for, one page of them: nearest first with `near`, else by building id.
    public func buildings(_ q: BuildingQuery) throws -> SitePage<BuildingHit> {
        try registry.store.mapped { try registry.store.findBuildings(q, search: self) }
    }

    /// Kilometres from the lon/lat point (whose registry-CRS image is `plane`) to the geometry's nearest edge.
    func distanceKm(from point: Point, plane: Point, to geometry: MultiPolygon) throws -> Double {
        let nearest = NearestBoundaryPoint(of: geometry, to: plane)
        if nearest.inside { return 0 }
        return geodesic.metres(from: point, to: try toLonLat.transform(nearest.point)) / 1000
    }

    /// A registry-CRS box holding every point within `km` of the lon/lat point: the envelope of 16 points on
    /// the geodesic circle, grown by 2% for the circle's bulge between them.
    func window(around point: Point, km: Double) throws -> BoundingBox {
        // 16 finite points: the envelope exists.
        let b = BoundingBox(try circle(around: point, km: km))!
        let pad = 0.02 * max(b.maxX - b.minX, b.maxY - b.minY) / 2
        return BoundingBox(minX: b.minX - pad, minY: b.minY - pad, maxX: b.maxX + pad, maxY: b.maxY + pad)
    }

    /// The most plane units a metre on the ground spans within `km` of the point (`plane`: the point in the
    /// registry CRS): the largest ratio of plane to geodesic distance to 16 points of the geodesic circle, 2%
    /// more (a projection's scale changes by far less across a search's radius). A plane distance over it is
    /// never more than the distance on the ground.
    func planeScale(around point: Point, plane: Point, km: Double) throws -> Double {
        let most = try circle(around: point, km: km).map { (($0.x - plane.x) * ($0.x - plane.x) + ($0.y - plane.y) * ($0.y - plane.y)).squareRoot() }.max() ?? 0
        return max(most / (km * 1000), 1e-9) * 1.02
    }

    /// 16 points of the geodesic circle of `km` around the lon/lat point, in the registry CRS.
    private func circle(around point: Point, km: Double) throws -> [Point] {
        var ring = (0..<16).map { geodesic.destination(from: point, azimuth: Double($0) * 22.5, metres: km * 1000) }
        try toRegistry.transform(&ring)
        return ring
    }

    func invalid(_ problem: String) -> RegistryError {
        RegistryError(path: registry.path, kind: .invalidArgument, problem)
    }
}

/// A parcel's box in a spatial index (its envelope, or larger: float32 rounded outward).
public struct ParcelBox: Sendable, Equatable {
    public var fid: Int64
    public var box: BoundingBox
}

/// One result on its way out: the record, its id, its sort key, its distance.
struct Found<T> {
    var item: T
    var id: String
    var key: Double
    var distanceKm: Double?
    /// The geometry the search decoded, when asked to keep it.
    var shape: MultiPolygon? = nil
}

extension Registry {
    /// A site search over this registry's parcels (see `SiteSearch`; make one `SiteSearch` to run many).
    public func findParcels(_ query: ParcelQuery) throws -> SitePage<ParcelHit> {
        try SiteSearch(self).parcels(query)
    }

    /// A site search over this registry's buildings.
    public func findBuildings(_ query: BuildingQuery) throws -> SitePage<BuildingHit> {
        try SiteSearch(self).buildings(query)
    }
}

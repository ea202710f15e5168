import LandbankGeometry
import LandbankLifecycle

/// Which parcels a site search returns, in what order, how many: Swift values, no SQL. Every filter set must
/// hold (AND). A full scan applying `ParcelQuery.matches` gives the same parcels; the search finds them through
/// the R*Tree and the B-tree indexes (`ParcelSearch`).
public struct ParcelQuery: Sendable {
    public var status: ParcelStatus?
    /// Any of these statuses (none: no parcel); with `status` both hold. One search for the statuses a matcher
    /// offers, instead of one search each.
    public var statuses: [ParcelStatus]?
    public var zone: String?
    /// In any of these zones (none: no parcel; a parcel without a zone is in none); with `zone` both hold. One
    /// search for a demand's allowed zones, instead of one search each.
    public var zones: [String]?
    public var landUse: String?
    /// Cadastral area bounds in mu, inclusive (the ellipsoidal area in a geographic registry, which has no
    /// cadastral area).
    public var minMu: Double?
    public var maxMu: Double?
    /// A window in the registry's CRS (metres in a projected registry; the numbers `show` prints as envelope):
    /// parcels whose geometry meets the box, edges included.
    public var bbox: BoundingBox?
    public var near: NearPoint?
    /// At least one building on the parcel meets all of these.
    public var buildings: BuildingCriteria
    /// nil: nearest first with `near`, else by parcel id.
    public var sort: ParcelSort?
    public var limit: Int?
    /// The `nextPageToken` of the previous page: this page starts after it, in the same order.
    public var pageToken: String?
    /// With a point or a window, each hit keeps the geometry the search decoded (`ParcelHit.shape`), for a caller
    /// that needs the shapes next (joined sites) and would read each again.
    public var withShapes = false

    public init(status: ParcelStatus? = nil, zone: String? = nil, landUse: String? = nil, minMu: Double? = nil,
                maxMu: Double? = nil, bbox: BoundingBox? = nil, near: NearPoint? = nil,
                buildings: BuildingCriteria = BuildingCriteria(), sort: ParcelSort? = nil, limit: Int? = nil,
                pageToken: String? = nil) {
        self.status = status
        self.zone = zone
        self.landUse = landUse
        self.minMu = minMu
        self.maxMu = maxMu
        self.bbox = bbox
        self.near = near
        self.buildings = buildings
        self.sort = sort
        self.limit = limit
        self.pageToken = pageToken
    }

    /// The query that a status/zone filter (`list`, `stats`, `export`) stands for.
    public init(_ filter: ParcelFilter) {
        self.init(status: filter.status, zone: filter.zone)
    }

    /// Only status and zone: what a store streams directly (`StoreReader.forEachParcel`).
    var isPlain: Bool {
        statuses == nil && zones == nil && landUse == nil && minMu == nil && maxMu == nil && bbox == nil && near == nil && buildings.isEmpty
    }

    /// The status and zone part of the query.
    var plainFilter: ParcelFilter { ParcelFilter(status: status, zone: zone) }

    public var effectiveSort: ParcelSort { sort ?? (near == nil ? .parcelID : .distance) }

    /// The attribute filters (not space, not buildings) on one parcel: the definition the SQL must agree with.
    public func matchesAttributes(_ p: Parcel) -> Bool {
        let mu = p.cadastralAreaMu ?? p.ellipsoidalAreaMu
        return (status == nil || p.status == status) && (zone == nil || p.zone == zone)
            && (statuses == nil || p.status.map { statuses!.contains($0) } == true)
            && (zones == nil || p.zone.map { zones!.contains($0) } == true)
            && (landUse == nil || p.landUse == landUse)
            && minMu.map { mu >= $0 } ?? true && maxMu.map { mu <= $0 } ?? true
    }


    /// The first problem with the values, if any.
    var problem: String? {
        for (name, v) in [("minimum mu", minMu), ("maximum mu", maxMu)] {
            if let v, !v.isFinite || v < 0 { return "\(name) \(v) is not a number of mu, 0 or more" }
        }
        if let minMu, let maxMu, minMu > maxMu { return "minimum mu \(minMu) is above maximum mu \(maxMu)" }
        if let bbox, ![bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].allSatisfy(\.isFinite) || bbox.minX > bbox.maxX || bbox.minY > bbox.maxY {
            return "the box \(bbox.minX),\(bbox.minY),\(bbox.maxX),\(bbox.maxY) is not MINX,MINY,MAXX,MAXY with min ≤ max"
        }
        if let limit, limit < 0 { return "limit \(limit) is below 0" }
        if effectiveSort == .distance, near == nil { return "sorting by distance needs a point to measure from" }
        return near?.problem
    }
}

/// The order of a site search's results; ties are broken by id, so pages never repeat or skip a site.
public enum ParcelSort: String, Sendable, CaseIterable {
    case parcelID = "id"
    /// Largest cadastral area first (ellipsoidal in a geographic registry).
    case area
    /// Nearest first; needs `near`.
    case distance
}

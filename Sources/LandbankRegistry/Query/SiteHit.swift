import LandbankGeometry

/// A parcel found by a site search, with its distance from the query point when there was one.
public struct ParcelHit: Sendable, Encodable {
    public var parcel: Parcel
    /// Kilometres on the registry CRS's ellipsoid from the query point to the parcel's nearest edge; 0 inside.
    public var distanceKm: Double?
    /// The geometry in the registry's CRS, when the query asked for it (`ParcelQuery.withShapes`); not encoded.
    public var shape: MultiPolygon?

    public init(parcel: Parcel, distanceKm: Double?, shape: MultiPolygon? = nil) {
        self.parcel = parcel
        self.distanceKm = distanceKm
        self.shape = shape
    }

    enum CodingKeys: String, CodingKey { case distanceKm = "distance_km" }

    /// The parcel's own members, then `distance_km` when the search had a point.
    public func encode(to encoder: Encoder) throws {
        try parcel.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(distanceKm, forKey: .distanceKm)
    }
}

/// A building found by a site search, with its distance (to its footprint) from the query point.
public struct BuildingHit: Sendable, Encodable {
    public var building: Building
    public var distanceKm: Double?

    enum CodingKeys: String, CodingKey { case distanceKm = "distance_km" }

    public func encode(to encoder: Encoder) throws {
        try building.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(distanceKm, forKey: .distanceKm)
    }
}

/// One page of results and the token that fetches the next (nil on the last page).
public struct SitePage<Hit: Sendable>: Sendable {
    public var hits: [Hit]
    public var nextPageToken: String?
}

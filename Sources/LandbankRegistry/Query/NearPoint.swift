import LandbankGeometry

/// "Within K km of this point": a WGS 84 longitude/latitude (EPSG:4326, as `show` prints and `export` writes)
/// and a radius in kilometres, measured on the registry CRS's ellipsoid to the nearest edge of each site.
public struct NearPoint: Sendable, Equatable {
    public var lon: Double
    public var lat: Double
    public var withinKm: Double

    public init(lon: Double, lat: Double, withinKm: Double) {
        self.lon = lon
        self.lat = lat
        self.withinKm = withinKm
    }

    var point: Point { Point(x: lon, y: lat) }

    /// The first problem with the values, if any (checked before any search).
    var problem: String? {
        if !lon.isFinite || !(-180...180).contains(lon) { return "longitude \(lon) is not within -180…180" }
        if !lat.isFinite || !(-90...90).contains(lat) { return "latitude \(lat) is not within -90…90" }
        if !withinKm.isFinite || withinKm <= 0 || withinKm > 1000 { return "within \(withinKm) km: give more than 0 and at most 1000 km" }
        return nil
    }
}

import LandbankGeometry

/// Coordinates no CRS could mean, refused before PROJ sees them: PROJ's inverse projections do not always fail
/// on them (an easting of 1e15 m in EPSG:4547 comes back as a longitude inside the zone).
///
/// - Projected: |x| and |y| at most 1e8 m (100,000 km) after the CRS's unit. The Earth's circumference is
///   4.0e7 m; no projection of a place on it leaves 3e7 m of its origin except Mercator within a few
///   hundred metres of a pole, and the largest false origins are ~4.6e7 m (Gauss-Kruger eastings with the
///   zone number in front, EPSG:4513–4533: zone 45, 45,500,000 m). 1e8 m leaves room for all of them.
/// - Geographic: latitude within ±90°; longitude within ±540°: −180…180 and 0…360 are the conventions in use,
///   and a polygon continued across 180° from the 0…360 convention reaches at most 540°.
public enum PhysicalBounds {
    public static let projectedMetres = 1e8
    public static let latitude = 90.0
    public static let longitude = 540.0

    /// The first coordinate of `geometry` (in `crs`'s own coordinates) beyond these bounds, as an error.
    public static func firstViolation(in geometry: Geometry, crs: CoordinateReferenceSystem) -> MeasureError? {
        let place: GeometryScan.Place?
        var limit = ""
        if let m = crs.metresPerUnit {
            let bound = projectedMetres / m
            place = GeometryScan.firstPoint(in: geometry) { abs($0.x) > bound || abs($0.y) > bound }
            let inUnits = m == 1 ? "" : " (\(MeasureError.short(bound)) \(crs.linearUnit?.name ?? "units"))"
            limit = "lies more than 1e8 m\(inUnits) from the origin, where no place on Earth projects (wrong units, or a corrupt value?)"
        } else {
            place = GeometryScan.firstPoint(in: geometry) { abs($0.y) > latitude || abs($0.x) > longitude }
        }
        guard let place else { return nil }
        let q = GeometryScan.point(at: place, in: geometry)
        if crs.metresPerUnit == nil {
            limit = abs(q.y) > latitude ? "has a latitude beyond ±90° (latitude and longitude swapped?)"
                : "has a longitude beyond ±540°, which no convention writes"
        }
        return MeasureError(.beyondPhysicalBounds(x: q.x, y: q.y, limit: limit), crs: crs.identifier,
                            polygon: place.polygon, ring: place.ring, coordinate: place.coordinate)
    }
}

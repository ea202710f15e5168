import LandbankGeometry

/// Measures geometries stored in one CRS — both areas in m² — and checks that the CRS can hold them:
/// coordinates within physical bounds and the projection's domain, edges across 180°, and cadastral and
/// ellipsoidal areas that agree as the projection allows. Import and `verify` share it, so that a figure is
/// computed one way only.
///
/// Thread rule: owns PROJ transformations (and so a context); use from one thread.
public final class GeometryMeasure {
    public struct Areas: Equatable, Sendable {
        /// m² on the plane of a projected CRS, converted from its unit; nil in a geographic CRS.
        public var cadastral: Double?
        /// m² on the CRS's ellipsoid.
        public var ellipsoidal: Double
    }

    public let crs: CoordinateReferenceSystem
    /// Stored coordinates → lon/lat on the CRS's geodetic CRS.
    public let toGeographic: Transformation
    /// The inverse, for a projected CRS: the round trip and the areal scale.
    let fromGeographic: Transformation?
    let scale: ArealScale?
    let ellipsoidal: EllipsoidalArea

    /// Back from lon/lat a point must land within this many metres of where it was.
    public static let roundTripMetres = 0.001

    public init(crs: CoordinateReferenceSystem) throws(ProjError) {
        self.crs = crs
        let geodetic = try crs.geodeticCRS()
        let ellipsoid = try crs.ellipsoid()
        toGeographic = try Transformation(from: crs, to: geodetic)
        ellipsoidal = EllipsoidalArea(ellipsoid)
        if crs.kind == .projected {
            let back = try Transformation(from: geodetic, to: crs)
            fromGeographic = back
            scale = try ArealScale(fromGeographic: back, ellipsoid: ellipsoid)
        } else {
            fromGeographic = nil
            scale = nil
        }
    }

    /// The stored geometry in lon/lat degrees of the CRS's geodetic CRS.
    public func geographic(of stored: Geometry) throws(TransformError) -> Geometry {
        try toGeographic.transform(stored)
    }

    /// Both areas: cadastral by the shoelace converted to m², ellipsoidal by Karney on `geographic`.
    public func areas(of stored: Geometry, geographic: Geometry) -> Areas {
        Areas(cadastral: crs.metresPerUnit.map { PlanarArea.squareMetres(of: stored, metresPerUnit: $0) },
              ellipsoidal: ellipsoidal.area(of: geographic))
    }

    public func areas(of stored: Geometry) throws(TransformError) -> Areas {
        areas(of: stored, geographic: try geographic(of: stored))
    }

    /// Refuses a coordinate no CRS could mean (see `PhysicalBounds`), in the CRS's own coordinates.
    public func checkBounds(_ stored: Geometry) throws(MeasureError) {
        if let e = PhysicalBounds.firstViolation(in: stored, crs: crs) { throw e }
    }

    /// Refuses a projected point that does not come back from lon/lat within a millimetre: PROJ's inverse
    /// wraps some points far outside a projection's domain into it instead of failing.
    public func checkRoundTrip(_ stored: Geometry, geographic: Geometry) throws(MeasureError) {
        guard let fromGeographic, let m = crs.metresPerUnit else { return }
        let tolerance = Self.roundTripMetres / m
        let there = GeometryScan.allPoints(of: stored)
        var back = GeometryScan.allPoints(of: geographic)
        let bad: (index: Int, metres: Double)?
        do {
            try fromGeographic.transform(&back)
            bad = there.indices.first { abs(back[$0].x - there[$0].x) > tolerance || abs(back[$0].y - there[$0].y) > tolerance }
                .map { k in (k, ((back[k].x - there[k].x) * (back[k].x - there[k].x) + (back[k].y - there[k].y) * (back[k].y - there[k].y)).squareRoot() * m) }
        } catch {
            bad = (error.index, .infinity)
        }
        guard let bad, let place = GeometryScan.place(ofPoint: bad.index, in: stored) else { return }
        // Continuous coordinates past 180° in a CRS whose lon/lat wraps there (EPSG:3857): say so.
        if let edge = Antimeridian.firstCrossing(in: geographic) { throw crossing(edge, .noRoundTrip) }
        let q = there[bad.index]
        throw MeasureError(.noRoundTrip(x: q.x, y: q.y, metres: bad.metres), crs: crs.identifier,
                           polygon: place.polygon, ring: place.ring, coordinate: place.coordinate)
    }

    /// Refuses a polygon with an edge across 180° that the CRS cannot hold: in a geographic CRS any such edge
    /// (its coordinates would run the long way round, and so would its envelope); in a projected CRS one whose
    /// areas disagree (EPSG:3857 runs it the long way; EPSG:3832 and EPSG:3460 hold it, continuous).
    public func checkAntimeridian(_ stored: Geometry, geographic: Geometry, areas: Areas) throws(MeasureError) {
        guard let edge = Antimeridian.firstCrossing(in: geographic) else { return }
        let evidence: MeasureError.CrossingEvidence
        if let cadastral = areas.cadastral {
            if cadastral > 0, agreement(of: stored, geographic: geographic, areas: areas) == nil { return }
            evidence = .areas(cadastral: cadastral, ellipsoidal: areas.ellipsoidal)
        } else {
            evidence = .longWayRound
        }
        throw crossing(edge, evidence)
    }

    func crossing(_ edge: Antimeridian.Edge, _ evidence: MeasureError.CrossingEvidence) -> MeasureError {
        MeasureError(.crossesAntimeridian(fromLon: edge.fromLon, toLon: edge.toLon, evidence: evidence),
                     crs: crs.identifier, polygon: edge.polygon, ring: edge.ring, coordinate: edge.coordinate)
    }

    /// Refuses cadastral and ellipsoidal areas whose ratio is not the projection's areal scale at the centroid
    /// (see `AreaAgreement`). Nothing to compare in a geographic CRS.
    public func checkAgreement(_ stored: Geometry, geographic: Geometry, areas: Areas) throws(MeasureError) {
        if let e = agreement(of: stored, geographic: geographic, areas: areas) { throw e }
    }

    func agreement(of stored: Geometry, geographic: Geometry, areas: Areas) -> MeasureError? {
        guard let scale, let cadastral = areas.cadastral else { return nil }
        // The centroid on the plane, where the CRS is continuous, then to lon/lat (the lon/lat polygon may jump at 180°).
        guard let c = try? toGeographic.transform(Centroid.of(stored.asMultiPolygon)),
              let s = scale.at(lon: c.x, lat: c.y) else { return nil }
        if AreaAgreement.agree(cadastral: cadastral, ellipsoidal: areas.ellipsoidal, arealScale: s) { return nil }
        return MeasureError(.areasDisagree(cadastral: cadastral, ellipsoidal: areas.ellipsoidal, arealScale: s),
                            crs: crs.identifier)
    }

    /// For `verify`: what is wrong with a stored geometry and its stored areas (m²), as a one-line text, or nil.
    /// Checks the bounds, the projection's domain, edges across 180° the CRS cannot hold, and the stored areas against each other.
    /// Comparing the stored areas with the geometry's own is the caller's part (`areas(of:)`).
    public func problem(of stored: Geometry, cadastralM2: Double?, ellipsoidalM2: Double) -> String? {
        do {
            try checkBounds(stored)
            let lonLat = try geographic(of: stored)
            try checkRoundTrip(stored, geographic: lonLat)
            let given = Areas(cadastral: cadastralM2, ellipsoidal: ellipsoidalM2)
            try checkAntimeridian(stored, geographic: lonLat, areas: given)
            try checkAgreement(stored, geographic: lonLat, areas: given)
        } catch let e as MeasureError {
            return e.description
        } catch {
            return "\(error)"
        }
        return nil
    }
}

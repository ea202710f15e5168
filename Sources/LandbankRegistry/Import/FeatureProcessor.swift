import LandbankGeodesy
import LandbankGeometry

/// Turns one input geometry into what the registry stores: checked for coordinates no CRS could mean,
/// converted from GCJ-02 if asked, transformed into the registry's CRS, checked against the projection's domain,
/// its area of use and 180°, validated by GEOS, measured both ways (in m², whatever the CRS's unit), the two
/// areas checked against each other, and encoded.
///
/// Thread rule: owns PROJ transformations and a GEOS context; use from one thread.
final class FeatureProcessor {
    struct Output {
        var geometry: MultiPolygon
        var blob: [UInt8]
        /// SHA-256 of `blob`, stored beside it (computed here, on the producer thread, to spare the writer).
        var digest: String
        var envelope: BoundingBox
        var cadastralAreaM2: Double?
        var ellipsoidalAreaM2: Double
        /// What `--make-valid` did to an invalid input, nil for a valid one.
        var repair: Repair?
    }

    /// A repair by GEOS MakeValid: GEOS's complaint, where it was, and the area before and after (cadastral
    /// in a projected registry, else ellipsoidal; m²).
    struct Repair {
        var reason: String
        var place: String?
        var before: Double
        var after: Double
        /// |after − before| ÷ before.
        var change: Double
    }

    let source: CoordinateReferenceSystem
    let toRegistry: Transformation
    let measure: GeometryMeasure
    let geos: GEOSContext
    let fromGCJ02: Bool
    let srsID: Int32
    let registryCRS: String
    let areaOfUse: AreaOfUse?
    /// `--make-valid`: repair invalid polygons whose area changes by at most this fraction; nil: refuse them.
    let maxRepairChange: Double?

    /// Parcels may lie a little outside a Gauss-Kruger zone's nominal strip; 1° is about 100 km.
    static let areaOfUseMargin = 1.0

    init(source: CoordinateReferenceSystem, registry: CoordinateReferenceSystem, srsID: Int32, fromGCJ02: Bool,
         maxRepairChange: Double? = nil) throws {
        self.maxRepairChange = maxRepairChange
        self.source = source
        toRegistry = try Transformation(from: source, to: registry)
        measure = try GeometryMeasure(crs: registry)
        geos = try GEOSContext()
        self.fromGCJ02 = fromGCJ02
        self.srsID = srsID
        registryCRS = registry.identifier
        areaOfUse = registry.areaOfUse
    }

    func process(_ input: Geometry) throws(ImportError.Reason) -> Output {
        do { try checkInput(input) } catch { throw .measure(error) }
        var g = input
        do {
            if fromGCJ02 { g = try GCJ02.toWGS84(g) }
        } catch { throw .geometry(error) }
        let stored: Geometry
        let geographic: Geometry
        do {
            stored = try toRegistry.transform(g)
            geographic = try measure.geographic(of: stored)
        } catch { throw .transform(error) }
        do {
            if !toRegistry.isIdentity { try measure.checkBounds(stored) }
            try measure.checkRoundTrip(stored, geographic: geographic)
        } catch { throw .measure(error) }
        try checkAreaOfUse(geographic)
        let areas = measure.areas(of: stored, geographic: geographic)
        do { try measure.checkAntimeridian(stored, geographic: geographic, areas: areas) } catch { throw .measure(error) }
        do { try geos.validate(stored) } catch {
            guard case .invalid(let reason) = error.kind else { throw .geometry(error) }
            let lonLat = error.location.flatMap { try? measure.toGeographic.transform($0) }
            let invalid = ImportError.Reason.invalid(reason: reason, at: error.location, lonLat: lonLat, crs: registryCRS)
            guard let limit = maxRepairChange else { throw invalid }
            return try repaired(stored, invalid, before: areas, limit: limit)
        }
        return try finish(stored, geographic: geographic, areas: areas)
    }

    /// GEOS MakeValid's polygonal parts, measured and checked like any input, or a refusal when the repair
    /// changes the area by more than `limit` (a bow-tie's two lobes, overlapping parts) or leaves no polygon.
    private func repaired(_ stored: Geometry, _ invalid: ImportError.Reason, before: GeometryMeasure.Areas,
                          limit: Double) throws(ImportError.Reason) -> Output {
        guard case .invalid(let reason, let at, let lonLat, let crs) = invalid else { throw invalid }
        let made: MultiPolygon?
        do { made = try geos.makeValid(stored) } catch { throw .geometry(error) }
        guard let m = made else { throw invalid }
        let fixed = Geometry.multiPolygon(m)
        let geographic: Geometry
        do { geographic = try measure.geographic(of: fixed) } catch { throw .transform(error) }
        let after = measure.areas(of: fixed, geographic: geographic)
        let a0 = before.cadastral ?? before.ellipsoidal, a1 = after.cadastral ?? after.ellipsoidal
        let change = a0 > 0 ? abs(a1 - a0) / a0 : (a1 == 0 ? 0 : .infinity)
        guard change <= limit else {
            throw .repairRefused(reason: reason, change: change, limit: limit, at: at, lonLat: lonLat, crs: crs)
        }
        do { try geos.validate(fixed) } catch { throw .geometry(error) }
        var out = try finish(fixed, geographic: geographic, areas: after)
        out.repair = Repair(reason: reason, place: invalid.place, before: a0, after: a1, change: change)
        return out
    }

    /// The checks after GEOS, then the stored form: normalised rings, the GeoPackage blob and its digest.
    private func finish(_ stored: Geometry, geographic: Geometry, areas: GeometryMeasure.Areas) throws(ImportError.Reason) -> Output {
        // After GEOS, so that an invalid shape is named as such rather than by its areas.
        do { try measure.checkAgreement(stored, geographic: geographic, areas: areas) } catch { throw .measure(error) }
        let multi = StoredGeometry.normalise(stored)
        let envelope = multi.boundingBox
        let blob = GeoPackageBinary.encode(.multiPolygon(multi), srsID: srsID, envelope: envelope)
        return Output(
            geometry: multi,
            blob: blob,
            digest: HistoryChain.sha256(blob),
            envelope: envelope,
            cadastralAreaM2: areas.cadastral,
            ellipsoidalAreaM2: areas.ellipsoidal)
    }

    /// Refuses input coordinates no CRS could mean, and lon/lat edges that could go either way round the Earth.
    func checkInput(_ input: Geometry) throws(MeasureError) {
        if let e = PhysicalBounds.firstViolation(in: input, crs: source) { throw e }
        if source.kind == .geographic, let edge = Antimeridian.firstAmbiguous(in: input) {
            throw MeasureError(.ambiguousEdge(fromLon: edge.fromLon, toLon: edge.toLon), crs: source.identifier,
                               polygon: edge.polygon, ring: edge.ring, coordinate: edge.coordinate)
        }
    }

    /// Every point within the registry CRS's area of use widened by the margin; it may cross 180°.
    func checkAreaOfUse(_ geographic: Geometry) throws(ImportError.Reason) {
        guard let area = areaOfUse else { return }
        let m = Self.areaOfUseMargin
        if let q = area.firstPointOutside(geographic, margin: m) {
            throw .outsideAreaOfUse(lon: Self.rounded(q.x), lat: Self.rounded(q.y), crs: registryCRS, area: area.summary)
        }
    }

    /// Six decimals (0.1 m) print short and say enough about a point out of place.
    static func rounded(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
}

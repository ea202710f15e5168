import LandbankGeodesy
import LandbankGeometry

/// Turns one input geometry into what the registry stores: converted from GCJ-02 if asked, transformed into
/// the registry's CRS, checked against its area of use, validated by GEOS, measured both ways, and encoded.
///
/// Thread rule: owns PROJ transformations and a GEOS context; use from one thread.
final class FeatureProcessor {
    struct Output {
        var geometry: MultiPolygon
        var blob: [UInt8]
        var envelope: BoundingBox
        var cadastralAreaM2: Double?
        var ellipsoidalAreaM2: Double
    }

    let toRegistry: Transformation
    let toGeographic: Transformation
    let geos: GEOSContext
    let ellipsoidal: EllipsoidalArea
    let projected: Bool
    let fromGCJ02: Bool
    let srsID: Int32
    let registryCRS: String
    /// Area of use of the registry CRS widened by a margin, and its description.
    let allowed: BoundingBox?
    let allowedText: String

    /// Parcels may lie a little outside a Gauss-Kruger zone's nominal strip; 1° is about 100 km.
    static let areaOfUseMargin = 1.0

    init(source: CoordinateReferenceSystem, registry: CoordinateReferenceSystem, srsID: Int32, fromGCJ02: Bool) throws {
        toRegistry = try Transformation(from: source, to: registry)
        toGeographic = try Transformation(from: registry, to: try registry.geodeticCRS())
        geos = try GEOSContext()
        ellipsoidal = EllipsoidalArea(try registry.ellipsoid())
        projected = registry.kind == .projected
        self.fromGCJ02 = fromGCJ02
        self.srsID = srsID
        registryCRS = registry.identifier
        if let a = registry.areaOfUse {
            let m = Self.areaOfUseMargin
            allowed = BoundingBox(minX: a.minX - m, minY: max(-90, a.minY - m), maxX: a.maxX + m, maxY: min(90, a.maxY + m))
            allowedText = "\(registry.areaOfUseName ?? "area of use"): lon \(a.minX)…\(a.maxX), lat \(a.minY)…\(a.maxY)"
        } else {
            allowed = BoundingBox(minX: -180, minY: -90, maxX: 180, maxY: 90)
            allowedText = "lon -180…180, lat -90…90"
        }
    }

    func process(_ input: Geometry) throws(ImportError.Reason) -> Output {
        var g = input
        do {
            if fromGCJ02 { g = try GCJ02.toWGS84(g) }
        } catch { throw .geometry(error) }
        let stored: Geometry
        let geographic: Geometry
        do {
            stored = try toRegistry.transform(g)
            geographic = try toGeographic.transform(stored)
        } catch { throw .transform(error) }
        if let allowed {
            for p in geographic.asMultiPolygon.polygons {
                for r in p.rings {
                    for q in r.points where q.x < allowed.minX || q.x > allowed.maxX || q.y < allowed.minY || q.y > allowed.maxY {
                        throw .outsideAreaOfUse(lon: q.x, lat: q.y, crs: registryCRS, area: allowedText)
                    }
                }
            }
        }
        do { try geos.validate(stored) } catch {
            guard case .invalid(let reason) = error.kind else { throw .geometry(error) }
            let lonLat = error.location.flatMap { try? toGeographic.transform($0) }
            throw .invalid(reason: reason, at: error.location, lonLat: lonLat, crs: registryCRS)
        }
        let multi = stored.asMultiPolygon.orientedRFC7946()  // stored normalised: exterior CCW, holes CW
        let envelope = multi.boundingBox
        return Output(
            geometry: multi,
            blob: GeoPackageBinary.encode(.multiPolygon(multi), srsID: srsID, envelope: envelope),
            envelope: envelope,
            cadastralAreaM2: projected ? PlanarArea.area(of: stored) : nil,
            ellipsoidalAreaM2: ellipsoidal.area(of: geographic))
    }
}

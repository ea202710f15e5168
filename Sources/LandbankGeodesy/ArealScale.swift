import Foundation
import LandbankGeometry

/// The areal scale of a projected CRS at a point (Tissot's s): how many m² of the CRS's plane one m² of its
/// ellipsoid becomes there — 1 for an equal-area projection, about sec²φ for Mercator, 1.0002 in a 3-degree
/// Gauss-Kruger zone 1.5° from its central meridian. A cadastral area divided by the ellipsoidal one is this
/// figure, averaged over the parcel.
///
/// Method: the Jacobian of the CRS's own forward transformation (PROJ, from its geodetic CRS in degrees, as
/// the ellipsoidal area reads it) by central differences 1e-6 rad (~6 m) either side, in metres after the
/// CRS's unit, over the ellipsoid's area element M·N·cos φ. PROJ's `proj_factors` computes the same figure,
/// but in PROJ 9.1 given a CRS it costs 10–50 ms a call and returns nonsense for EPSG:2263 (4e14) and an error
/// for EPSG:4547, and given the CRS's PROJ string it measures EPSG:3857 on a sphere (0.6% off at 17°S).
public struct ArealScale {
    let fromGeographic: Transformation
    let ellipsoid: Ellipsoid
    let metresPerUnit: Double

    /// Half the step, in radians: small enough for the truncation error (~h²) to stay below 1e-10, large enough
    /// for rounding at eastings of 1e7 m (~1e-9 m) to stay below 1e-9 of the 12 m difference.
    static let step = 1e-6

    /// `fromGeographic` goes from a projected CRS's geodetic CRS (degrees) to that CRS; `ellipsoid` is its datum's.
    public init(fromGeographic: Transformation, ellipsoid: Ellipsoid) throws(ProjError) {
        guard let m = fromGeographic.target.metresPerUnit else {
            throw ProjError("\(fromGeographic.target.identifier) is not projected: it has no areal scale")
        }
        self.fromGeographic = fromGeographic
        self.ellipsoid = ellipsoid
        metresPerUnit = m
    }

    /// The areal scale at (lon, lat) in degrees of the CRS's geodetic CRS; nil within 1e-6 rad of a pole, where
    /// the step would cross it, or where PROJ cannot project the neighbourhood.
    public func at(lon: Double, lat: Double) -> Double? {
        let h = Self.step * 180 / .pi
        guard abs(lat) + h < 90 else { return nil }
        var p = [Point(x: lon + h, y: lat), Point(x: lon - h, y: lat), Point(x: lon, y: lat + h), Point(x: lon, y: lat - h)]
        do { try fromGeographic.transform(&p) } catch { return nil }
        let k = metresPerUnit / (2 * Self.step)
        let xLon = (p[0].x - p[1].x) * k, yLon = (p[0].y - p[1].y) * k
        let xLat = (p[2].x - p[3].x) * k, yLat = (p[2].y - p[3].y) * k
        let phi = lat * .pi / 180
        let e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
        let w = (1 - e2 * sin(phi) * sin(phi)).squareRoot()
        let meridian = ellipsoid.semiMajorAxis * (1 - e2) / (w * w * w)
        let primeVertical = ellipsoid.semiMajorAxis / w
        let s = abs(xLon * yLat - xLat * yLon) / (meridian * primeVertical * cos(phi))
        return s.isFinite && s > 0 ? s : nil
    }
}

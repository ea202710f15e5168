import CPROJ
import LandbankGeometry

/// Distance in metres along the geodesic between two lon/lat points (x = lon, y = lat, degrees) on an
/// ellipsoid, and the point a given distance along an azimuth. Method: Karney (2013), "Algorithms for
/// geodesics", through PROJ's `geodesic.h` (`geod_inverse`, `geod_direct`), the same code as GeographicLib:
/// accurate to nanometres for any pair of points.
public struct GeodesicDistance: Sendable {
    private var geod = geod_geodesic()
    public let ellipsoid: Ellipsoid

    public init(_ ellipsoid: Ellipsoid) {
        self.ellipsoid = ellipsoid
        geod_init(&geod, ellipsoid.semiMajorAxis, ellipsoid.flattening)
    }

    /// Metres from `a` to `b` along the shortest geodesic.
    public func metres(from a: Point, to b: Point) -> Double {
        var g = geod
        var s12 = 0.0
        geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, nil, nil)
        return s12
    }

    /// The lon/lat point `metres` from `start` along the geodesic leaving it at `azimuth` degrees (clockwise
    /// from north).
    public func destination(from start: Point, azimuth: Double, metres: Double) -> Point {
        var g = geod
        var lat = 0.0, lon = 0.0
        geod_direct(&g, start.y, start.x, azimuth, metres, &lat, &lon, nil)
        return Point(x: lon, y: lat)
    }
}

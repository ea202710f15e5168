import Foundation
import LandbankGeometry

/// BD-09, Baidu Maps' lon/lat: GCJ-02 (see `GCJ02`) offset once more by Baidu's published rotation and scaling
/// about the origin plus (0.0065°, 0.006°). BD-09 → WGS 84 goes BD-09 → GCJ-02 → WGS 84. The published
/// BD-09 → GCJ-02 formula is a closed-form approximation of the inverse, off by up to about 5e-7° (5 cm); it is
/// the first guess here, refined by iterating the forward formula until it reproduces the input to 1e-10°.
/// Baidu's Mercator metres (BD-09MC) are not this.
public enum BD09 {
    private static let xPi = Double.pi * 3000.0 / 180.0

    /// GCJ-02 lon/lat → BD-09 lon/lat.
    public static func fromGCJ02(_ p: Point) -> Point {
        let z = (p.x * p.x + p.y * p.y).squareRoot() + 0.00002 * sin(p.y * xPi)
        let theta = atan2(p.y, p.x) + 0.000003 * cos(p.x * xPi)
        return Point(x: z * cos(theta) + 0.0065, y: z * sin(theta) + 0.006)
    }

    /// BD-09 lon/lat → GCJ-02 lon/lat, as published (closed form, about 5 cm off the exact inverse).
    public static func toGCJ02Published(_ b: Point) -> Point {
        let x = b.x - 0.0065, y = b.y - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return Point(x: z * cos(theta), y: z * sin(theta))
    }

    /// BD-09 lon/lat → GCJ-02 lon/lat: the exact inverse of `fromGCJ02`, to 1e-10°.
    public static func toGCJ02(_ b: Point) -> Point {
        FixedPointInverse.solve(b, from: toGCJ02Published(b), steps: 20, fromGCJ02)
    }

    /// BD-09 lon/lat → WGS 84 lon/lat.
    public static func toWGS84(_ b: Point) -> Point { GCJ02.toWGS84(toGCJ02(b)) }

    /// WGS 84 lon/lat → BD-09 lon/lat.
    public static func fromWGS84(_ p: Point) -> Point { fromGCJ02(GCJ02.fromWGS84(p)) }

    /// Every coordinate of the geometry converted from BD-09 to WGS 84.
    public static func toWGS84(_ geometry: Geometry) throws(GeometryError) -> Geometry {
        switch geometry {
        case .polygon(let p): return .polygon(try p.mapPoints(toWGS84))
        case .multiPolygon(let m):
            var parts: [Polygon] = []
            for p in m.polygons { parts.append(try p.mapPoints(toWGS84)) }
            return .multiPolygon(try MultiPolygon(parts))
        }
    }
}

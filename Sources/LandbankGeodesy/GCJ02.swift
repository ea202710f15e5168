import Foundation
import LandbankGeometry

/// GCJ-02, the obfuscated datum of Chinese web maps (Amap/Gaode, Tencent), which PROJ does not know.
/// The forward offset is the published polynomial on the Krasovsky ellipsoid; the inverse iterates the
/// forward mapping (fixed point on the offset) until it reproduces the input to 1e-10° (~0.01 mm).
/// Outside mainland China's rough bounding box the offset is zero, as the web maps apply it.
public enum GCJ02 {
    private static let a = 6378245.0
    private static let ee = 0.00669342162296594323

    static func outOfChina(_ p: Point) -> Bool {
        p.x < 72.004 || p.x > 137.8347 || p.y < 0.8293 || p.y > 55.8271
    }

    /// WGS84 lon/lat → GCJ-02 lon/lat.
    public static func fromWGS84(_ p: Point) -> Point {
        if outOfChina(p) { return p }
        let d = offset(p)
        return Point(x: p.x + d.x, y: p.y + d.y)
    }

    /// GCJ-02 lon/lat → WGS84 lon/lat, by iteration; converges in a handful of steps.
    public static func toWGS84(_ g: Point) -> Point {
        if outOfChina(g) { return g }
        let d = offset(g)
        return FixedPointInverse.solve(g, from: Point(x: g.x - d.x, y: g.y - d.y), steps: 30, fromWGS84)
    }

    private static func offset(_ p: Point) -> Point {
        let x = p.x - 105.0, y = p.y - 35.0
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        dLat += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLat += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        dLat += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        dLon += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLon += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        dLon += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        let radLat = p.y / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = sqrt(magic)
        dLat = (dLat * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return Point(x: dLon, y: dLat)
    }

    /// Every coordinate of the geometry converted from GCJ-02 to WGS84.
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

import CPROJ
import LandbankGeometry

/// Area on the ellipsoid, in m², of polygons given in longitude/latitude degrees (x = lon, y = lat).
/// Method: Karney (2013), "Algorithms for geodesics", through PROJ's `geodesic.h` (`geod_polygonarea`),
/// the same code as GeographicLib. Each ring's area is taken unsigned; holes are subtracted and the
/// parts of a multipolygon summed.
public struct EllipsoidalArea: Sendable {
    private var geod = geod_geodesic()
    public let ellipsoid: Ellipsoid

    public init(_ ellipsoid: Ellipsoid) {
        self.ellipsoid = ellipsoid
        geod_init(&geod, ellipsoid.semiMajorAxis, ellipsoid.flattening)
    }

    /// Unsigned area of one ring in m². The closing point is dropped: Karney's polygon closes itself.
    public func area(of ring: Ring) -> Double {
        var g = geod
        var p = geod_polygon()
        geod_polygon_init(&p, 0)
        let pts = ring.points
        for i in 0..<(pts.count - 1) {
            geod_polygon_addpoint(&g, &p, pts[i].y, pts[i].x)
        }
        var area = 0.0
        // reverse = 0, sign = 1: counter-clockwise positive; we take the magnitude.
        geod_polygon_compute(&g, &p, 0, 1, &area, nil)
        return abs(area)
    }

    public func area(of polygon: Polygon) -> Double {
        var a = area(of: polygon.exterior)
        for h in polygon.holes { a -= area(of: h) }
        return a
    }

    public func area(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let p): return area(of: p)
        case .multiPolygon(let m): return m.polygons.reduce(0) { $0 + area(of: $1) }
        }
    }
}

import LandbankGeometry

/// Planar (cadastral) area in the square of the coordinates' unit (m² for a projected CRS in metres),
/// by the shoelace formula on the stored coordinates. Holes are subtracted, multipolygon parts summed.
public enum PlanarArea {
    public static func area(of ring: Ring) -> Double { abs(ring.doubleSignedArea) / 2 }

    public static func area(of polygon: Polygon) -> Double {
        polygon.holes.reduce(area(of: polygon.exterior)) { $0 - area(of: $1) }
    }

    public static func area(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let p): return area(of: p)
        case .multiPolygon(let m): return m.polygons.reduce(0) { $0 + area(of: $1) }
        }
    }
}

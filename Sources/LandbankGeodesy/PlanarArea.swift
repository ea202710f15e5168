import LandbankGeometry

/// Planar (cadastral) area by the shoelace formula on the stored coordinates. Holes are subtracted,
/// multipolygon parts summed. `area(of:)` is in the square of the coordinates' unit; `squareMetres(of:metresPerUnit:)`
/// converts it to m² — the one place where a CRS in feet (EPSG:2263, US survey feet) becomes m².
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

    /// m² of a geometry whose coordinates are in a unit of `metresPerUnit` metres (an area scales by its square).
    public static func squareMetres(of geometry: Geometry, metresPerUnit: Double) -> Double {
        area(of: geometry) * (metresPerUnit * metresPerUnit)
    }
}

import LandbankGeometry

/// Edges that cross 180° of longitude. Coordinates are lon/lat in degrees; an edge whose longitude jumps
/// by more than 180° is read the short way, across 180° — as Karney's polygon area reads it, and as PROJ's
/// inverse projections write it (they return longitudes in −180…180).
public enum Antimeridian {
    /// Where an edge runs, as indexes into the geometry (polygon nil for a single polygon).
    public struct Edge: Equatable, Sendable {
        public var polygon: Int?
        public var ring: Int
        /// The edge's first point; the second is `coordinate + 1`.
        public var coordinate: Int
        public var fromLon: Double
        public var toLon: Double
    }

    /// The first edge whose longitude changes by more than 180° (crossing 180°).
    public static func firstCrossing(in lonLat: Geometry) -> Edge? {
        firstEdge(in: lonLat) { abs($1 - $0) > 180 }
    }

    /// The first edge whose longitude changes by 360° or more (−180° to +180°: the same meridian, so a
    /// zero-length edge read the short way, a whole turn of the Earth read the long way), or by exactly 180°
    /// (east or west?). Such an edge in lon/lat input cannot be read with confidence either way.
    public static func firstAmbiguous(in lonLat: Geometry) -> Edge? {
        firstEdge(in: lonLat) { abs($1 - $0) >= 360 || abs($1 - $0) == 180 }
    }

    static func firstEdge(in g: Geometry, where test: (Double, Double) -> Bool) -> Edge? {
        guard let place = GeometryScan.firstEdge(in: g, where: { test($0.x, $1.x) }) else { return nil }
        var next = place
        next.coordinate += 1
        return Edge(polygon: place.polygon, ring: place.ring, coordinate: place.coordinate,
                    fromLon: GeometryScan.point(at: place, in: g).x, toLon: GeometryScan.point(at: next, in: g).x)
    }
}

import LandbankGeometry

/// Finds the first point or edge of a geometry that passes a test, and says where it is, without building
/// arrays: an import scans every feature several times, and `rings`/`asMultiPolygon` allocate.
enum GeometryScan {
    /// Indexes as in `GeometryError`: polygon nil for a single polygon, ring 0 the exterior.
    struct Place: Equatable {
        var polygon: Int?
        var ring: Int
        var coordinate: Int
    }

    static func firstPoint(in g: Geometry, where test: (Point) -> Bool) -> Place? {
        first(in: g) { ring in ring.points.firstIndex(where: test) }
    }

    /// The first edge (points `coordinate` and `coordinate + 1`) that passes the test.
    static func firstEdge(in g: Geometry, where test: (Point, Point) -> Bool) -> Place? {
        first(in: g) { ring in
            let pts = ring.points
            return (0..<(pts.count - 1)).first { test(pts[$0], pts[$0 + 1]) }
        }
    }

    private static func first(in g: Geometry, _ find: (Ring) -> Int?) -> Place? {
        switch g {
        case .polygon(let p): return first(in: p, polygon: nil, find)
        case .multiPolygon(let m):
            for (i, p) in m.polygons.enumerated() {
                if let place = first(in: p, polygon: i, find) { return place }
            }
            return nil
        }
    }

    private static func first(in p: Polygon, polygon: Int?, _ find: (Ring) -> Int?) -> Place? {
        if let k = find(p.exterior) { return Place(polygon: polygon, ring: 0, coordinate: k) }
        for (h, ring) in p.holes.enumerated() {
            if let k = find(ring) { return Place(polygon: polygon, ring: h + 1, coordinate: k) }
        }
        return nil
    }

    /// Every point of every ring, in order (polygon by polygon, exterior first), in one array.
    static func allPoints(of g: Geometry) -> [Point] {
        var out: [Point] = []
        func add(_ p: Polygon) {
            out.append(contentsOf: p.exterior.points)
            for h in p.holes { out.append(contentsOf: h.points) }
        }
        switch g {
        case .polygon(let p): add(p)
        case .multiPolygon(let m): m.polygons.forEach(add)
        }
        return out
    }

    /// Where the `index`th point of `allPoints(of: g)` is.
    static func place(ofPoint index: Int, in g: Geometry) -> Place? {
        var seen = 0
        return first(in: g) { ring in
            defer { seen += ring.points.count }
            return index < seen + ring.points.count ? index - seen : nil
        }
    }

    /// The point at a place (the place came from a scan of the same geometry).
    static func point(at place: Place, in g: Geometry) -> Point {
        let p: Polygon
        switch g {
        case .polygon(let single): p = single
        case .multiPolygon(let m): p = m.polygons[place.polygon ?? 0]
        }
        return (place.ring == 0 ? p.exterior : p.holes[place.ring - 1]).points[place.coordinate]
    }
}

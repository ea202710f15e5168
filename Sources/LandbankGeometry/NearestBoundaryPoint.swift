/// The point of a multipolygon's boundary (every ring, holes included) nearest to a point, in the plane of the
/// coordinates, and whether the point lies inside the multipolygon (even-odd rule per part; on the boundary
/// counts as inside). Method: the foot of the perpendicular on each segment, clamped to its ends; coordinates
/// are shifted by the query point so that large eastings lose no precision.
public struct NearestBoundaryPoint: Sendable, Equatable {
    /// The nearest boundary point, in the geometry's coordinates.
    public var point: Point
    /// Planar distance to `point`, in the coordinates' unit.
    public var distance: Double
    public var inside: Bool

    public init(of geometry: MultiPolygon, to q: Point) {
        var best = Point(x: .infinity, y: .infinity)
        var bestD2 = Double.infinity
        var inside = false
        for polygon in geometry.polygons {
            var crossings = 0
            for ring in polygon.rings {
                let pts = ring.points
                for i in 1..<pts.count {
                    let ax = pts[i - 1].x - q.x, ay = pts[i - 1].y - q.y
                    let bx = pts[i].x - q.x, by = pts[i].y - q.y
                    let dx = bx - ax, dy = by - ay
                    let len2 = dx * dx + dy * dy
                    let t = len2 > 0 ? min(1, max(0, -(ax * dx + ay * dy) / len2)) : 0
                    let px = ax + t * dx, py = ay + t * dy
                    let d2 = px * px + py * py
                    if d2 < bestD2 { bestD2 = d2; best = Point(x: px + q.x, y: py + q.y) }
                    // Ray to +x from the origin (the query point): count edges straddling y = 0 right of it.
                    if (ay > 0) != (by > 0), ax + (0 - ay) * dx / dy > 0 { crossings += 1 }
                }
            }
            if crossings % 2 == 1 { inside = true }
        }
        point = best
        distance = bestD2.squareRoot()
        self.inside = inside || bestD2 == 0
    }
}

/// Area-weighted centroid of polygons in planar coordinates (holes subtracted, parts weighted by area).
/// Coordinates are shifted by the first point so that large eastings keep their precision.
public enum Centroid {
    public static func of(_ m: MultiPolygon) -> Point {
        let o = m.polygons[0].exterior.points[0]
        var a = 0.0, cx = 0.0, cy = 0.0
        for p in m.polygons {
            for (i, r) in p.rings.enumerated() {
                // Exterior counts positive and holes negative, whatever their winding.
                let sign: Double = (r.isCounterClockwise ? 1 : -1) * (i == 0 ? 1 : -1)
                var ra = 0.0, rx = 0.0, ry = 0.0
                let pts = r.points
                for k in 0..<(pts.count - 1) {
                    let x0 = pts[k].x - o.x, y0 = pts[k].y - o.y
                    let x1 = pts[k + 1].x - o.x, y1 = pts[k + 1].y - o.y
                    let cross = x0 * y1 - x1 * y0
                    ra += cross
                    rx += (x0 + x1) * cross
                    ry += (y0 + y1) * cross
                }
                a += sign * ra
                cx += sign * rx
                cy += sign * ry
            }
        }
        guard a != 0 else { return o }
        return Point(x: o.x + cx / (3 * a), y: o.y + cy / (3 * a))
    }
}

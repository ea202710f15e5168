extension MultiPolygon {
    /// Whether the multipolygon and the closed box share a point (touching counts). Method: some boundary
    /// segment meets the box (Liang–Barsky clipping), or else the box lies wholly inside a part, which its
    /// centre then shows.
    public func intersects(_ box: BoundingBox) -> Bool {
        guard boundingBox.intersects(box) else { return false }
        for polygon in polygons {
            for ring in polygon.rings {
                let pts = ring.points
                for i in 1..<pts.count where Self.segment(pts[i - 1], pts[i], meets: box) { return true }
            }
        }
        let centre = Point(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
        return NearestBoundaryPoint(of: self, to: centre).inside
    }

    static func segment(_ a: Point, _ b: Point, meets box: BoundingBox) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - box.minX), (dx, box.maxX - a.x), (-dy, a.y - box.minY), (dy, box.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
            }
        }
        return t0 <= t1
    }
}

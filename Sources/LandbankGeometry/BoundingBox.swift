/// An axis-aligned envelope.
public struct BoundingBox: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The envelope of the points, nil when there are none.
    public init?(_ points: [Point]) {
        guard let first = points.first else { return nil }
        var b = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for p in points.dropFirst() {
            if p.x < b.minX { b.minX = p.x } else if p.x > b.maxX { b.maxX = p.x }
            if p.y < b.minY { b.minY = p.y } else if p.y > b.maxY { b.maxY = p.y }
        }
        self = b
    }

    public func union(_ o: BoundingBox) -> BoundingBox {
        BoundingBox(minX: min(minX, o.minX), minY: min(minY, o.minY),
                    maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }

    public func intersects(_ o: BoundingBox) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    /// Whether `o` lies inside this box (edges included).
    public func contains(_ o: BoundingBox) -> Bool {
        minX <= o.minX && o.maxX <= maxX && minY <= o.minY && o.maxY <= maxY
    }

    /// The part of this box inside `o` (closed boxes: one touching `o` keeps its edge), or nil when they do not meet.
    public func clipped(to o: BoundingBox) -> BoundingBox? {
        guard intersects(o) else { return nil }
        return BoundingBox(minX: max(minX, o.minX), minY: max(minY, o.minY), maxX: min(maxX, o.maxX), maxY: min(maxY, o.maxY))
    }
}

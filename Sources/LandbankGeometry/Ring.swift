/// A closed linear ring: at least four points, the last equal to the first, every coordinate finite.
public struct Ring: Hashable, Sendable {
    public let points: [Point]

    /// Throws `GeometryError` naming the coordinate that breaks an invariant.
    public init(_ points: [Point]) throws(GeometryError) {
        for (i, p) in points.enumerated() where !p.isFinite {
            throw GeometryError(.nonFiniteCoordinate, coordinate: i)
        }
        guard points.count >= 4 else { throw GeometryError(.tooFewPoints(count: points.count)) }
        guard points.first == points.last else { throw GeometryError(.unclosedRing) }
        self.points = points
    }

    /// Twice the signed planar area (shoelace); positive when counter-clockwise.
    /// Coordinates are shifted by the first point so that large eastings lose no precision.
    public var doubleSignedArea: Double {
        let o = points[0]
        var sum = 0.0
        var prev = Point(x: 0, y: 0)
        for i in 1..<points.count {
            let p = Point(x: points[i].x - o.x, y: points[i].y - o.y)
            sum += prev.x * p.y - p.x * prev.y
            prev = p
        }
        return sum
    }

    public var isCounterClockwise: Bool { doubleSignedArea > 0 }

    public func reversed() -> Ring {
        // Reversing a valid ring keeps every invariant.
        try! Ring(points.reversed())
    }

    /// This ring with the winding asked for.
    public func oriented(counterClockwise: Bool) -> Ring {
        isCounterClockwise == counterClockwise ? self : reversed()
    }

    public var boundingBox: BoundingBox { BoundingBox(points)! }
}

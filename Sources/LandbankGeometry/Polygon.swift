/// A polygon: one exterior ring and zero or more holes.
public struct Polygon: Hashable, Sendable {
    public let exterior: Ring
    public let holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Builds a polygon from raw rings, the first being the exterior; errors name the ring.
    public init(rings: [[Point]]) throws(GeometryError) {
        guard !rings.isEmpty else { throw GeometryError(.empty) }
        var built: [Ring] = []
        built.reserveCapacity(rings.count)
        for (i, r) in rings.enumerated() {
            do { built.append(try Ring(r)) } catch { var e = error; e.ring = i; throw e }
        }
        self.exterior = built[0]
        self.holes = Array(built.dropFirst())
    }

    public var rings: [Ring] { [exterior] + holes }

    /// RFC 7946 winding: exterior counter-clockwise, holes clockwise.
    public func orientedRFC7946() -> Polygon {
        Polygon(exterior: exterior.oriented(counterClockwise: true),
                holes: holes.map { $0.oriented(counterClockwise: false) })
    }

    public var boundingBox: BoundingBox { exterior.boundingBox }

    /// Every point mapped; throws if the mapping breaks a ring's invariants (a non-finite result).
    public func mapPoints(_ transform: (Point) -> Point) throws(GeometryError) -> Polygon {
        try Polygon(rings: rings.map { $0.points.map(transform) })
    }
}

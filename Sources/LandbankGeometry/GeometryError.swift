/// What is wrong with a geometry, and where: polygon, ring and coordinate indexes are 0-based.
public struct GeometryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case tooFewPoints(count: Int)
        case unclosedRing
        case nonFiniteCoordinate
        case wrongGeometryType(String)
        case empty
        case invalid(reason: String)
        case malformed(reason: String)
        /// More points in a ring, rings in a polygon, polygons in a multipolygon or points in a feature than
        /// `FeatureLimits` allows; `what` is "points in a ring" and so on.
        case tooLarge(what: String, limit: Int)
    }

    public var kind: Kind
    /// Index of the polygon in a multipolygon (nil for a single polygon).
    public var polygon: Int?
    /// 0 is the exterior ring, 1... are holes.
    public var ring: Int?
    public var coordinate: Int?
    /// Where GEOS located the problem, in the geometry's own coordinates.
    public var location: Point?

    public init(_ kind: Kind, polygon: Int? = nil, ring: Int? = nil, coordinate: Int? = nil, location: Point? = nil) {
        self.kind = kind
        self.polygon = polygon
        self.ring = ring
        self.coordinate = coordinate
        self.location = location
    }

    public var description: String {
        var what: String
        switch kind {
        case .tooFewPoints(let n): what = "ring has \(n) points, a closed ring needs at least 4"
        case .unclosedRing: what = "ring is not closed (first and last points differ)"
        case .nonFiniteCoordinate: what = "non-finite coordinate (NaN or infinity)"
        case .wrongGeometryType(let t):
            let shown = t.unicodeScalars.count > 40 || DisplayText.hasControlCharacter(t) ? DisplayText.quoted(t, limit: 40) : t
            what = "geometry type \(shown) is not a Polygon or MultiPolygon"
        case .empty: what = "geometry is empty"
        case .invalid(let reason): what = "invalid geometry: \(reason)"
        case .malformed(let reason): what = reason
        case .tooLarge(let things, let limit): what = "more than \(limit) \(things), the most landbank reads (FeatureLimits)"
        }
        var place: [String] = []
        if let p = polygon { place.append("polygon \(p)") }
        if let r = ring { place.append(r == 0 ? "exterior ring" : "interior ring \(r - 1)") }
        if let c = coordinate { place.append("coordinate \(c)") }
        if !place.isEmpty { what += " (at " + place.joined(separator: ", ") + ")" }
        if let l = location { what += " near (\(l.x), \(l.y))" }
        return what
    }

    /// The same error, placed inside polygon `index` of a multipolygon.
    public func inPolygon(_ index: Int) -> GeometryError {
        var e = self
        e.polygon = index
        return e
    }
}

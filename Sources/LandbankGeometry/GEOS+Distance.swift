import CGEOS

extension GEOSContext {
    /// The least planar distance between two geometries, in the coordinates' unit (0 when they touch or
    /// overlap) (GEOSDistance).
    public func distance(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Double {
        let ga = try GEOSGeometry(self, a), gb = try GEOSGeometry(self, b)
        var d = 0.0
        guard GEOSDistance_r(handle, ga.handle, gb.handle, &d) == 1 else {
            throw GeometryError(.invalid(reason: "GEOS distance failed: \(lastMessage)"))
        }
        return d
    }

    /// The length of boundary two geometries share, allowing a gap of `tolerance` (in the coordinates' unit):
    /// the length of `b`'s boundary that lies within `tolerance` of `a`'s boundary (the intersection of `b`'s
    /// boundary with `a`'s boundary buffered by the tolerance), averaged with the same measured the other way
    /// round so that the answer is symmetric. Where a shared stretch ends, a boundary leaving at an angle still
    /// runs inside the buffer for up to about the tolerance, so each end may add that much.
    public func sharedBoundaryLength(_ a: Geometry, _ b: Geometry, tolerance: Double) throws(GeometryError) -> Double {
        let ga = try GEOSGeometry(self, a), gb = try GEOSGeometry(self, b)
        let ba = try GEOSGeometry(self, GEOSBoundary_r(handle, ga.handle), "boundary")
        let bb = try GEOSGeometry(self, GEOSBoundary_r(handle, gb.handle), "boundary")
        func along(_ line: GEOSGeometry, within other: GEOSGeometry) throws(GeometryError) -> Double {
            // A tolerance of 0 still needs a band of some width for the intersection to have length.
            let band = try GEOSGeometry(self, GEOSBuffer_r(handle, other.handle, max(tolerance, 1e-9), 8), "buffer")
            let shared = try GEOSGeometry(self, GEOSIntersection_r(handle, line.handle, band.handle), "intersection")
            var length = 0.0
            guard GEOSLength_r(handle, shared.handle, &length) == 1 else {
                throw GeometryError(.invalid(reason: "GEOS length failed: \(lastMessage)"))
            }
            return length
        }
        return (try along(bb, within: ba) + along(ba, within: bb)) / 2
    }
}

/// Shapes made into GEOS geometries once, for many pairwise measures among them (blocks and joined sites
/// measure each shape against all of its neighbours; converting it for every pair cost more than measuring).
public final class GEOSShapeSet {
    private let context: GEOSContext
    private let geometries: [GEOSGeometry]

    public init(_ context: GEOSContext, _ shapes: [Geometry]) throws(GeometryError) {
        self.context = context
        var made: [GEOSGeometry] = []
        made.reserveCapacity(shapes.count)
        for s in shapes { made.append(try GEOSGeometry(context, s)) }
        geometries = made
    }

    /// Whether shapes `i` and `j` lie within `distance` of each other (GEOSDistanceWithin: the same answer as
    /// comparing GEOSDistance with it, without measuring further than it needs).
    public func areWithin(_ i: Int, _ j: Int, distance: Double) throws(GeometryError) -> Bool {
        switch GEOSDistanceWithin_r(context.handle, geometries[i].handle, geometries[j].handle, distance) {
        case 1: return true
        case 0: return false
        default: throw GeometryError(.invalid(reason: "GEOS distance failed: \(context.lastMessage)"))
        }
    }
}

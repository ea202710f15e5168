import CPROJ
import LandbankGeometry

/// A coordinate operation between two CRSs chosen by PROJ (`proj_create_crs_to_crs_from_pj`), with axes in
/// GIS order: x = easting or longitude, y = northing or latitude (`proj_normalize_for_visualization`).
public final class Transformation {
    let object: ProjObject
    public let source: CoordinateReferenceSystem
    public let target: CoordinateReferenceSystem
    /// True when source and target are the same CRS and points pass through untouched.
    public let isIdentity: Bool

    public init(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws(ProjError) {
        let ctx = source.context
        guard let raw = proj_create_crs_to_crs_from_pj(ctx.handle, source.object.pj, target.object.pj, nil, nil) else {
            throw ctx.error("no transformation from \(source.identifier) to \(target.identifier)")
        }
        let rawObj = ProjObject(ctx, raw)
        guard let norm = proj_normalize_for_visualization(ctx.handle, rawObj.pj) else {
            throw ctx.error("cannot normalise the axis order of \(source.identifier) → \(target.identifier)")
        }
        object = ProjObject(ctx, norm)
        self.source = source
        self.target = target
        isIdentity = proj_is_equivalent_to(source.object.pj, target.object.pj, PJ_COMP_STRICT) == 1
    }

    /// Transforms the points in place. Throws with the index of the first point PROJ could not transform
    /// (it returns infinity for those, e.g. a latitude beyond 90°).
    public func transform(_ points: inout [Point]) throws(TransformError) {
        if isIdentity || points.isEmpty { return }
        let n = points.count
        points.withUnsafeMutableBufferPointer { buf in
            buf.withMemoryRebound(to: Double.self) { d in
                let base = d.baseAddress!
                let stride = MemoryLayout<Point>.stride
                _ = proj_trans_generic(object.pj, PJ_FWD,
                                       base, stride, n,
                                       base + 1, stride, n,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
        for i in 0..<n where !points[i].isFinite {
            throw TransformError(index: i, from: source.identifier, to: target.identifier)
        }
    }

    public func transform(_ point: Point) throws(TransformError) -> Point {
        var pts = [point]
        try transform(&pts)
        return pts[0]
    }

    /// Every ring of the geometry transformed.
    public func transform(_ geometry: Geometry) throws(TransformError) -> Geometry {
        if isIdentity { return geometry }
        switch geometry {
        case .polygon(let p): return .polygon(try transform(p))
        case .multiPolygon(let m):
            var out: [Polygon] = []
            out.reserveCapacity(m.polygons.count)
            for p in m.polygons { out.append(try transform(p)) }
            // Same number of non-empty parts as the input.
            return .multiPolygon(try! MultiPolygon(out))
        }
    }

    public func transform(_ polygon: Polygon) throws(TransformError) -> Polygon {
        var rings: [[Point]] = []
        rings.reserveCapacity(1 + polygon.holes.count)
        for r in polygon.rings {
            var pts = r.points
            do { try transform(&pts) } catch {
                // The ring still holds the input: name the point PROJ could not transform.
                var e = error
                e.point = r.points[e.index]
                throw e
            }
            rings.append(pts)
        }
        // Points are finite (checked above) and ring sizes unchanged; closure holds because PROJ maps equal
        // inputs to equal outputs.
        return try! Polygon(rings: rings)
    }
}

/// A point PROJ could not transform (outside the domain of the projection, or a latitude beyond ±90°).
public struct TransformError: Error, Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    /// The coordinate as given, in the source CRS.
    public var point: Point?
    public var from: String
    public var to: String

    public init(index: Int, point: Point? = nil, from: String, to: String) {
        self.index = index
        self.point = point
        self.from = from
        self.to = to
    }

    public var description: String {
        let at = point.map { " (\($0.x), \($0.y))" } ?? ""
        return "coordinate \(index)\(at) cannot be transformed from \(from) to \(to) (outside the CRS's domain; latitude and longitude swapped?)"
    }
}

import CGEOS

/// The shape of a site made by joining parcels: their GEOS union and its perimeter.
public struct UnionShape: Sendable {
    /// The union (GEOSUnaryUnion): one polygon when the parts touch, several when a gap separates them.
    public var geometry: MultiPolygon
    /// Planar area of the union, in the coordinates' unit squared (GEOSArea).
    public var area: Double
    /// Length of the union's boundary, holes included, in the coordinates' unit (GEOSLength).
    public var perimeter: Double
    /// Made by GEOSCoverageUnion (`union(_:coverage:)`), which the tests check.
    var byCoverage = false

    /// Polsby–Popper compactness 4πA/P²: 1 for a circle, about 0.785 for a square, towards 0 for a sliver.
    public var compactness: Double { perimeter > 0 ? 4 * Double.pi * area / (perimeter * perimeter) : 0 }
}

extension GEOSContext {
    /// The union of polygons and multipolygons (GEOSUnaryUnion over a collection of all their parts), read back
    /// through WKB. Shared edges dissolve; parts a gap apart stay separate polygons of the result.
    ///
    /// `coverage`: the parts are expected to form a polygonal coverage (a cadastre: no overlaps, neighbours sharing
    /// their boundary vertices), and GEOSCoverageUnion dissolves the shared edges in linear time instead of
    /// overlaying. Its result is kept only when GEOS finds it valid and its area is the parts' summed area (to
    /// 1e-9 of it); otherwise (an overlap, a neighbour's vertex missing on a shared edge) the parts are united by
    /// GEOSUnaryUnion as without it, so the answer is the same either way.
    public func union(_ parts: [Geometry], coverage: Bool = false) throws(GeometryError) -> UnionShape {
        let geoms = try parts.map { g throws(GeometryError) in try GEOSGeometry(self, g) }
        // A collection takes ownership of its members, so it is built from clones.
        var clones: [OpaquePointer?] = []
        for g in geoms {
            guard let c = GEOSGeom_clone_r(handle, g.handle) else {
                for c in clones { GEOSGeom_destroy_r(handle, c) }
                throw GeometryError(.invalid(reason: "GEOS clone failed: \(lastMessage)"))
            }
            clones.append(c)
        }
        let collection = try GEOSGeometry(self, clones.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), $0.baseAddress, UInt32($0.count))
        }, "collection")
        let covered = coverage ? try coverageUnion(collection, geoms) : nil
        let united: GEOSGeometry
        if let covered { united = covered } else { united = try GEOSGeometry(self, GEOSUnaryUnion_r(handle, collection.handle), "union") }
        var area = 0.0, perimeter = 0.0
        guard GEOSArea_r(handle, united.handle, &area) == 1, GEOSLength_r(handle, united.handle, &perimeter) == 1 else {
            throw GeometryError(.invalid(reason: "GEOS area or length failed: \(lastMessage)"))
        }
        guard let writer = GEOSWKBWriter_create_r(handle) else {
            throw GeometryError(.invalid(reason: "GEOS WKB writer failed: \(lastMessage)"))
        }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, united.handle, &size) else {
            throw GeometryError(.invalid(reason: "GEOS WKB write failed: \(lastMessage)"))
        }
        defer { GEOSFree_r(handle, bytes) }
        let geometry = try WKB.read(UnsafeRawBufferPointer(start: bytes, count: size))
        return UnionShape(geometry: geometry.asMultiPolygon, area: area, perimeter: perimeter, byCoverage: covered != nil)
    }

    /// GEOSCoverageUnion of the collection, or nil when its result is invalid or its area is not the parts' sum.
    private func coverageUnion(_ collection: GEOSGeometry, _ parts: [GEOSGeometry]) throws(GeometryError) -> GEOSGeometry? {
        guard let raw = GEOSCoverageUnion_r(handle, collection.handle) else { return nil }  // GEOS refused the coverage
        let united = try GEOSGeometry(self, raw, "coverage union")
        var sum = 0.0, area = 0.0
        for p in parts {
            var a = 0.0
            guard GEOSArea_r(handle, p.handle, &a) == 1 else { return nil }
            sum += a
        }
        guard GEOSArea_r(handle, united.handle, &area) == 1, abs(area - sum) <= 1e-9 * max(sum, 1),
              GEOSisValid_r(handle, united.handle) == 1 else { return nil }
        return united
    }
}

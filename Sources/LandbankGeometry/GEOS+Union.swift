import CGEOS

/// The shape of a site made by joining parcels: their GEOS union and its perimeter.
public struct UnionShape: Sendable {
    /// The union (GEOSUnaryUnion): one polygon when the parts touch, several when a gap separates them.
    public var geometry: MultiPolygon
    /// Planar area of the union, in the coordinates' unit squared (GEOSArea).
    public var area: Double
    /// Length of the union's boundary, holes included, in the coordinates' unit (GEOSLength).
    public var perimeter: Double

    /// Polsby–Popper compactness 4πA/P²: 1 for a circle, about 0.785 for a square, towards 0 for a sliver.
    public var compactness: Double { perimeter > 0 ? 4 * Double.pi * area / (perimeter * perimeter) : 0 }
}

extension GEOSContext {
    /// The union of polygons and multipolygons (GEOSUnaryUnion over a collection of all their parts), read back
    /// through WKB. Shared edges dissolve; parts a gap apart stay separate polygons of the result.
    public func union(_ parts: [Geometry]) throws(GeometryError) -> UnionShape {
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
        let united = try GEOSGeometry(self, GEOSUnaryUnion_r(handle, collection.handle), "union")
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
        return UnionShape(geometry: geometry.asMultiPolygon, area: area, perimeter: perimeter)
    }
}

import CGEOS

/// Overlays of polygons: intersection and difference (GEOS OverlayNG), polygonal results only.
extension GEOSContext {
    /// a ∩ b: the polygonal part of GEOSIntersection (lines and points where the shapes merely touch are dropped);
    /// nil when they share no area. Coordinates in the inputs' unit; no CRS is assumed.
    public func intersection(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> MultiPolygon? {
        let ga = try GEOSGeometry(self, a), gb = try GEOSGeometry(self, b)
        return try polygonal(try GEOSGeometry(self, GEOSIntersection_r(handle, ga.handle, gb.handle), "intersection"))
    }

    /// `a` less the union of `others` (GEOSUnaryUnion, then GEOSDifference): the polygonal part, nil when nothing is left.
    public func difference(_ a: Geometry, minus others: [Geometry]) throws(GeometryError) -> MultiPolygon? {
        let ga = try GEOSGeometry(self, a)
        guard !others.isEmpty else { return try polygonal(ga) }
        let united = try union(others)
        let gb = try GEOSGeometry(self, .multiPolygon(united.geometry))
        return try polygonal(try GEOSGeometry(self, GEOSDifference_r(handle, ga.handle, gb.handle), "difference"))
    }

    /// The polygons of a GEOS result (a polygon, a multipolygon, or a collection holding some), read through WKB.
    private func polygonal(_ g: GEOSGeometry) throws(GeometryError) -> MultiPolygon? {
        var polygons: [Polygon] = []
        try collect(g.handle, into: &polygons)
        return polygons.isEmpty ? nil : try MultiPolygon(polygons)
    }

    private func collect(_ h: OpaquePointer, into polygons: inout [Polygon]) throws(GeometryError) {
        guard GEOSisEmpty_r(handle, h) == 0 else { return }
        switch GEOSGeomTypeId_r(handle, h) {
        case Int32(GEOS_POLYGON.rawValue), Int32(GEOS_MULTIPOLYGON.rawValue):
            polygons += try wkb(h).asMultiPolygon.polygons
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            // Children belong to their collection: read, never destroyed here.
            for i in 0..<max(0, GEOSGetNumGeometries_r(handle, h)) {
                guard let child = GEOSGetGeometryN_r(handle, h, i) else { continue }
                try collect(child, into: &polygons)
            }
        default:
            return  // lines and points: the shapes only touch there
        }
    }

    private func wkb(_ h: OpaquePointer) throws(GeometryError) -> Geometry {
        guard let writer = GEOSWKBWriter_create_r(handle) else {
            throw GeometryError(.invalid(reason: "GEOS WKB writer failed: \(lastMessage)"))
        }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, h, &size) else {
            throw GeometryError(.invalid(reason: "GEOS WKB write failed: \(lastMessage)"))
        }
        defer { GEOSFree_r(handle, bytes) }
        return try WKB.read(UnsafeRawBufferPointer(start: bytes, count: size))
    }
}

import CGEOS

extension GEOSContext {
    /// GEOS's repair of an invalid polygon or multipolygon (`GEOSMakeValid`, its default "linework" method:
    /// the rings are noded and valid polygons rebuilt from them), keeping only the polygonal parts of the result:
    /// lines and points that a collapsed part leaves behind are dropped. Nil when nothing polygonal is left.
    public func makeValid(_ geometry: Geometry) throws(GeometryError) -> MultiPolygon? {
        let input = try GEOSGeometry(self, geometry)
        let valid = try GEOSGeometry(self, GEOSMakeValid_r(handle, input.handle), "MakeValid")
        var polygons: [Polygon] = []
        try collectPolygons(valid.handle, into: &polygons)
        return polygons.isEmpty ? nil : try MultiPolygon(polygons)
    }

    /// The polygons of a GEOS geometry, descending into collections; other types are skipped.
    private func collectPolygons(_ g: OpaquePointer, into polygons: inout [Polygon]) throws(GeometryError) {
        let type = GEOSGeomTypeId_r(handle, g)
        switch type {
        case Int32(GEOS_POLYGON.rawValue), Int32(GEOS_MULTIPOLYGON.rawValue):
            guard GEOSisEmpty_r(handle, g) == 0 else { return }
            polygons += try readWKB(g).asMultiPolygon.polygons
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(handle, g)
            for i in 0..<max(n, 0) {
                // A part belongs to its collection: not ours to free.
                guard let part = GEOSGetGeometryN_r(handle, g, i) else { continue }
                try collectPolygons(part, into: &polygons)
            }
        default:
            return
        }
    }

    /// A GEOS polygon or multipolygon read back through WKB.
    private func readWKB(_ g: OpaquePointer) throws(GeometryError) -> Geometry {
        guard let writer = GEOSWKBWriter_create_r(handle) else {
            throw GeometryError(.invalid(reason: "GEOS WKB writer failed: \(lastMessage)"))
        }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, g, &size) else {
            throw GeometryError(.invalid(reason: "GEOS WKB write failed: \(lastMessage)"))
        }
        defer { GEOSFree_r(handle, bytes) }
        return try WKB.read(UnsafeRawBufferPointer(start: bytes, count: size))
    }
}

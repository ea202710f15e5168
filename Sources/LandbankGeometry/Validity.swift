import CGEOS

/// OGC validity of polygons through GEOS (`GEOSisValidDetail_r`): self-intersections, holes outside
/// their shell, overlapping parts of a multipolygon. Errors carry GEOS's reason and location.
extension GEOSContext {
    public func validate(_ geometry: Geometry) throws(GeometryError) {
        let g = try makeGEOS(geometry)
        defer { GEOSGeom_destroy_r(handle, g) }
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let r = GEOSisValidDetail_r(handle, g, 0, &reason, &location)
        if r == 1 { return }
        defer {
            if let reason { GEOSFree_r(handle, reason) }
            if let location { GEOSGeom_destroy_r(handle, location) }
        }
        if r == 0 {
            let text = reason.map { String(cString: $0) } ?? "invalid"
            var where_: Point?
            if let location {
                var x = 0.0, y = 0.0
                if GEOSGeomGetX_r(handle, location, &x) == 1, GEOSGeomGetY_r(handle, location, &y) == 1 {
                    where_ = Point(x: x, y: y)
                }
            }
            throw GeometryError(.invalid(reason: text), location: where_)
        }
        throw GeometryError(.invalid(reason: "GEOS validity check failed: \(lastMessage)"))
    }

    func makeGEOS(_ geometry: Geometry) throws(GeometryError) -> OpaquePointer {
        switch geometry {
        case .polygon(let p):
            return try makePolygon(p)
        case .multiPolygon(let m):
            var parts: [OpaquePointer?] = []
            parts.reserveCapacity(m.polygons.count)
            for p in m.polygons {
                do { parts.append(try makePolygon(p)) } catch {
                    for q in parts { GEOSGeom_destroy_r(handle, q) }
                    throw error
                }
            }
            // GEOSGeom_createCollection_r takes ownership of the parts.
            guard let c = parts.withUnsafeMutableBufferPointer({
                GEOSGeom_createCollection_r(handle, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
            }) else { throw GeometryError(.invalid(reason: "GEOS: \(lastMessage)")) }
            return c
        }
    }

    private func makeRing(_ ring: Ring) throws(GeometryError) -> OpaquePointer {
        let seq = ring.points.withUnsafeBufferPointer { buf in
            // Point is two Doubles, laid out as x, y pairs: exactly the buffer GEOS expects.
            buf.withMemoryRebound(to: Double.self) {
                GEOSCoordSeq_copyFromBuffer_r(handle, $0.baseAddress, UInt32(ring.points.count), 0, 0)
            }
        }
        guard let seq, let r = GEOSGeom_createLinearRing_r(handle, seq) else {
            throw GeometryError(.invalid(reason: "GEOS: \(lastMessage)"))
        }
        return r
    }

    private func makePolygon(_ p: Polygon) throws(GeometryError) -> OpaquePointer {
        let shell = try makeRing(p.exterior)
        var holes: [OpaquePointer?] = []
        for (i, h) in p.holes.enumerated() {
            do { holes.append(try makeRing(h)) } catch {
                GEOSGeom_destroy_r(handle, shell)
                for q in holes { GEOSGeom_destroy_r(handle, q) }
                var e = error
                e.ring = i + 1
                throw e
            }
        }
        guard let poly = holes.withUnsafeMutableBufferPointer({
            GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count))
        }) else { throw GeometryError(.invalid(reason: "GEOS: \(lastMessage)")) }
        return poly
    }
}

import CGEOS

extension GEOSContext {
    /// Whether `outer`, grown by `tolerance` (in the coordinates' unit), covers `inner` (GEOSCovers: no point
    /// of `inner` lies outside). The tolerance absorbs digitising noise along shared edges.
    public func covers(_ outer: Geometry, _ inner: Geometry, tolerance: Double) throws(GeometryError) -> Bool {
        let o = try makeGEOS(outer)
        defer { GEOSGeom_destroy_r(handle, o) }
        let i = try makeGEOS(inner)
        defer { GEOSGeom_destroy_r(handle, i) }
        var grown = o
        if tolerance > 0 {
            guard let b = GEOSBuffer_r(handle, o, tolerance, 8) else {
                throw GeometryError(.invalid(reason: "GEOS buffer failed: \(lastMessage)"))
            }
            grown = b
        }
        defer { if grown != o { GEOSGeom_destroy_r(handle, grown) } }
        switch GEOSCovers_r(handle, grown, i) {
        case 1: return true
        case 0: return false
        default: throw GeometryError(.invalid(reason: "GEOS covers failed: \(lastMessage)"))
        }
    }
}

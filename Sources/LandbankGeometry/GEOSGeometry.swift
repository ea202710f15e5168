import CGEOS

/// Owns one GEOS geometry made in a `GEOSContext`: destroyed in `deinit` and nowhere else. The context outlives
/// it (the geometry holds its context). Never leaves LandbankGeometry.
final class GEOSGeometry {
    let context: GEOSContext
    let handle: OpaquePointer

    /// Takes ownership of `handle`; nil (a failed GEOS call) throws with GEOS's message and `what` failed.
    init(_ context: GEOSContext, _ handle: OpaquePointer?, _ what: String) throws(GeometryError) {
        guard let handle else { throw GeometryError(.invalid(reason: "GEOS \(what) failed: \(context.lastMessage)")) }
        self.context = context
        self.handle = handle
    }

    convenience init(_ context: GEOSContext, _ geometry: Geometry) throws(GeometryError) {
        try self.init(context, try context.makeGEOS(geometry), "geometry")
    }

    deinit { GEOSGeom_destroy_r(context.handle, handle) }
}

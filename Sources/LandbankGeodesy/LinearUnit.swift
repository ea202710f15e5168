import CPROJ

/// The unit of a projected CRS's coordinates: its name and its length in metres, read from the CRS's
/// coordinate system (`proj_cs_get_axis_info`), e.g. "US survey foot", 1200/3937 m for EPSG:2263.
public struct LinearUnit: Equatable, Sendable {
    public var name: String
    public var metres: Double

    public init(name: String, metres: Double) {
        self.name = name
        self.metres = metres
    }

    public static let metre = LinearUnit(name: "metre", metres: 1)

    /// The unit of both axes of a projected CRS. Throws when PROJ cannot say, or when the two axes differ
    /// (EPSG has no such projected CRS; areas would need a factor per axis).
    static func of(_ crs: ProjObject, definition: String) throws(ProjError) -> LinearUnit {
        let ctx = crs.context
        guard let cs = proj_crs_get_coordinate_system(ctx.handle, crs.pj) else {
            throw ctx.error("cannot read the coordinate system of '\(definition)'")
        }
        let csObject = ProjObject(ctx, cs)
        var units: [LinearUnit] = []
        for axis in 0..<max(0, proj_cs_get_axis_count(ctx.handle, csObject.pj)) {
            var factor = 0.0
            var name: UnsafePointer<CChar>?
            guard proj_cs_get_axis_info(ctx.handle, csObject.pj, axis, nil, nil, nil, &factor, &name, nil, nil) == 1,
                  factor.isFinite, factor > 0 else {
                throw ctx.error("cannot read the unit of axis \(axis) of '\(definition)'")
            }
            units.append(LinearUnit(name: name.map { String(cString: $0) } ?? "unit", metres: factor))
        }
        guard let first = units.first, units.count >= 2, units.allSatisfy({ $0 == first }) else {
            throw ProjError("'\(definition)' does not have two axes in one linear unit")
        }
        return first
    }
}

/// What one input feature may carry, in one place. A file past a limit is refused with an error naming the
/// file, the feature (position and id) and the limit; nothing is imported.
///
/// Why: one feature with a 200 MB id was once accepted, after which listing the registry took a minute and
/// 4.3 GB. The limits are far above what a cadastral file holds (the largest real parcel seen has about 9,000
/// vertices, the longest name about 60 characters) and low enough that the registry stays quick to read.
///
/// Two kinds of limit:
/// - *read* limits, checked by the readers before they allocate (JSON scanner, CSV reader, GeoPackage rows):
///   a hostile file cannot make landbank hold more than a few tens of MiB for one feature's text;
/// - *stored* limits, checked when a feature's attributes are mapped to registry columns, naming the property.
public enum FeatureLimits {
    // MARK: Stored (registry columns and properties)

    /// A parcel or building id, in Unicode scalars (a Chinese character counts one).
    public static let idCharacters = 255
    /// A registry text column (name, zone, land_use, a building's parcel_id...), in Unicode scalars.
    public static let textCharacters = 1_000
    /// One property kept in the `properties` JSON, its value written as JSON, in UTF-8 bytes.
    public static let propertyValueBytes = 64 << 10
    /// The whole `properties` JSON object kept for a feature, in UTF-8 bytes.
    public static let propertiesBytes = 1 << 20

    // MARK: Geometry

    /// Points in one ring, the closing point included.
    public static let ringPoints = 1_000_000
    /// Rings in one polygon, the exterior included.
    public static let polygonRings = 10_000
    /// Polygons in one multipolygon.
    public static let multiPolygonParts = 10_000
    /// Points in one feature, all rings together: 4 million points are 64 MB as read.
    public static let featurePoints = 4_000_000

    // MARK: Read

    /// One string or number token of a JSON file, one CSV cell (a WKT geometry included: about 400,000
    /// vertices), one text value of a GeoPackage row, in bytes. The reader stops there, naming line and column.
    public static let tokenBytes = 16 << 20
    /// One feature's text as read before the per-property limits: a GeoJSON `properties` member (or any other
    /// member read whole), a CSV record, a GeoPackage row without its geometry, in bytes.
    public static let recordBytes = 32 << 20
    /// Arrays and objects nested in each other, so that deep nesting cannot exhaust the stack.
    public static let nestingDepth = 256
}

extension FeatureLimits {
    /// Throws when `count` points are more than a ring may have.
    static func checkRing(points count: Int) throws(GeometryError) {
        if count > ringPoints { throw GeometryError(.tooLarge(what: "points in a ring", limit: ringPoints)) }
    }

    static func checkPolygon(rings count: Int) throws(GeometryError) {
        if count > polygonRings { throw GeometryError(.tooLarge(what: "rings in a polygon", limit: polygonRings)) }
    }

    static func checkMultiPolygon(parts count: Int) throws(GeometryError) {
        if count > multiPolygonParts {
            throw GeometryError(.tooLarge(what: "polygons in a multipolygon", limit: multiPolygonParts))
        }
    }

    static func checkFeature(points count: Int) throws(GeometryError) {
        if count > featurePoints { throw GeometryError(.tooLarge(what: "points in one feature", limit: featurePoints)) }
    }
}

/// The names of the OGC simple-feature and SQL/MM geometry types, so that an error says "CircularString Z"
/// rather than "WKB type 1008". Codes per OGC 06-103r4 (ISO WKB) and the SQL/MM extension GeoPackage lists.
public enum GeometryTypeName {
    static let names = ["Geometry", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                        "MultiPolygon", "GeometryCollection", "CircularString", "CompoundCurve", "CurvePolygon",
                        "MultiCurve", "MultiSurface", "Curve", "Surface", "PolyhedralSurface", "TIN", "Triangle"]

    /// The name of a WKB base type (0…17) with its dimensions, e.g. "CircularString Z" or "TIN ZM";
    /// "unknown WKB geometry type 99" for a code no standard gives.
    public static func wkb(_ base: UInt32, hasZ: Bool = false, hasM: Bool = false) -> String {
        guard Int(base) < names.count else { return "unknown WKB geometry type \(base)" }
        return names[Int(base)] + suffix(hasZ: hasZ, hasM: hasM)
    }

    /// " Z", " M", " ZM" or "".
    public static func suffix(hasZ: Bool, hasM: Bool) -> String {
        switch (hasZ, hasM) {
        case (true, true): return " ZM"
        case (true, false): return " Z"
        case (false, true): return " M"
        case (false, false): return ""
        }
    }

    /// The standard spelling of a type named in any case, e.g. "circularstring" → "CircularString";
    /// nil for a word that names no geometry type.
    public static func canonical(_ word: String) -> String? {
        let upper = word.uppercased()
        return names.first { $0.uppercased() == upper }
    }
}

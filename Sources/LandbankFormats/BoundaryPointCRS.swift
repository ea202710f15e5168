/// The CRS a boundary-point file's `[属性描述]` names: 坐标系 (datum: 2000国家大地坐标系, 1980西安坐标系,
/// 1954北京坐标系), 几度分带 (3 or 6), 带号 (zone); the eastings carry the zone number as a prefix (they may not:
/// then the zone's unprefixed CRS). EPSG codes per datum and zone width, zone or central meridian ascending.
public enum BoundaryPointCRS {
    public enum Datum: String, Sendable { case cgcs2000, xian1980, beijing1954 }

    /// "2000国家大地坐标系" → CGCS2000; nil for one landbank does not know.
    public static func datum(_ text: String) -> Datum? {
        if text.contains("2000") { return .cgcs2000 }
        if text.contains("西安") || text.contains("1980") || text.contains("80") { return .xian1980 }
        if text.contains("北京") || text.contains("1954") || text.contains("54") { return .beijing1954 }
        return nil
    }

    /// The EPSG code for a datum, zone width (3 or 6) and zone, with or without the zone prefix.
    public static func code(_ datum: Datum, width: Int, zone: Int, prefixed: Bool) -> Int? {
        let cm = width == 3 ? 3 * zone : 6 * zone - 3
        guard (75...135).contains(cm) else { return nil }
        switch (datum, width, prefixed) {
        case (.cgcs2000, 3, true): return 4513 + zone - 25
        case (.cgcs2000, 3, false): return 4534 + (cm - 75) / 3
        case (.cgcs2000, 6, true): return 4491 + zone - 13
        case (.cgcs2000, 6, false): return 4502 + (cm - 75) / 6
        case (.xian1980, 3, true): return 2349 + zone - 25
        case (.xian1980, 3, false): return 2370 + (cm - 75) / 3
        case (.xian1980, 6, true): return 2327 + zone - 13
        case (.xian1980, 6, false): return 2338 + (cm - 75) / 6
        case (.beijing1954, 3, true): return 2401 + zone - 25
        case (.beijing1954, 3, false): return 2422 + (cm - 75) / 3
        case (.beijing1954, 6, true): return 21413 + zone - 13
        case (.beijing1954, 6, false): return 21453 + (cm - 75) / 6
        default: return nil
        }
    }

    /// Datum, zone width and zone of a prefixed Gauss–Krüger EPSG code, for writing a file's header.
    public static func describe(code: Int) -> (datum: Datum, width: Int, zone: Int)? {
        switch code {
        case 4513...4533: (.cgcs2000, 3, code - 4513 + 25)
        case 4491...4501: (.cgcs2000, 6, code - 4491 + 13)
        case 2349...2369: (.xian1980, 3, code - 2349 + 25)
        case 2327...2337: (.xian1980, 6, code - 2327 + 13)
        case 2401...2421: (.beijing1954, 3, code - 2401 + 25)
        case 21413...21423: (.beijing1954, 6, code - 21413 + 13)
        default: nil
        }
    }

    /// The prefixed zone of an unprefixed code (EPSG:4547, CM 114°E → EPSG:4526, zone 38), itself if prefixed.
    public static func prefixed(code: Int) -> Int? {
        if describe(code: code) != nil { return code }
        let table: [(ClosedRange<Int>, Datum, Int)] = [(4534...4554, .cgcs2000, 3), (4502...4512, .cgcs2000, 6),
                                                        (2370...2390, .xian1980, 3), (2338...2348, .xian1980, 6),
                                                        (2422...2442, .beijing1954, 3), (21453...21463, .beijing1954, 6)]
        for (range, datum, width) in table where range.contains(code) {
            let cm = 75 + width * (code - range.lowerBound)
            let zone = width == 3 ? cm / 3 : (cm + 3) / 6
            return Self.code(datum, width: width, zone: zone, prefixed: true)
        }
        return nil
    }

    public static func title(_ d: Datum) -> String {
        switch d {
        case .cgcs2000: "2000国家大地坐标系"
        case .xian1980: "1980西安坐标系"
        case .beijing1954: "1954北京坐标系"
        }
    }
}

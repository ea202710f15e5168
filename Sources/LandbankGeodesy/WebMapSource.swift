/// Chinese web maps whose lon/lat are offset from WGS 84 (GCJ-02 for Amap/Gaode and Tencent, BD-09 for Baidu),
/// told from what a file says about itself, so that an import of such a file without --from-gcj02 or --from-bd09
/// can say so instead of importing parcels a few hundred metres off.
public enum WebMapSource: String, Sendable, CaseIterable {
    case amap, tencent, baidu

    /// The flag that converts such coordinates.
    public var flag: String { self == .baidu ? "--from-bd09" : "--from-gcj02" }

    public var title: String {
        switch self {
        case .amap: "Amap/Gaode (高德)"
        case .tencent: "Tencent Maps (腾讯)"
        case .baidu: "Baidu Maps (百度)"
        }
    }

    static let words: [(WebMapSource, [String])] = [
        (.baidu, ["baidu", "百度", "bd09", "bd-09", "bmap"]),
        (.amap, ["amap", "gaode", "autonavi", "高德", "gcj02", "gcj-02"]),
        (.tencent, ["tencent", "qq.com", "腾讯", "qqmap"]),
    ]

    /// The web map a file name, property key or property value names, if any (case-insensitive).
    public static func named(in texts: [String]) -> WebMapSource? {
        for text in texts {
            let lower = text.lowercased()
            for (source, keys) in words where keys.contains(where: { lower.contains($0) }) { return source }
        }
        return nil
    }

    /// "the file's name or properties say it came from Baidu Maps (百度); if its coordinates are BD-09, re-run with --from-bd09".
    public var hint: String {
        "the file's name or properties say it came from \(title); if its coordinates are \(self == .baidu ? "BD-09" : "GCJ-02"), re-run with \(flag)"
    }
}

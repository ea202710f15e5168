import LandbankGeometry

/// The likely cause of a coordinate that lands outside the registry's area of use, found by trying the usual
/// mistakes on it and keeping the first that brings it inside: x and y swapped; a Gauss–Krüger easting with
/// its zone number missing or left on; the wrong zone; a GCJ-02 (Chinese web map) offset left in.
public enum OutsideCause {
    /// `source` is the point as the file gives it, `crs` the CRS it was read in; nil when no mistake explains it.
    public static func diagnose(_ source: Point, crs: String, registryArea area: AreaOfUse, geodesy: ThreadGeodesy) -> String? {
        func inside(_ r: CRSReading, _ p: Point) -> Bool {
            CRSInference.fitsArea(CRSReading(crs: r.crs, swapped: false, title: ""), [r.oriented(p)], area: area, margin: 0.1, geodesy: geodesy)
        }
        if inside(CRSReading(crs: crs, swapped: true, title: ""), source) {
            return "x and y look swapped (latitude before longitude, or northing before easting): re-run with --fix-axes"
        }
        let code = crs.hasPrefix("EPSG:") ? Int(crs.dropFirst(5)) : nil
        if let code, let family = CRSFamily.of(code: code) {
            let zoneDigits = (source.x / 1_000_000).rounded(.down)
            if family.isPrefixed, source.x < 1_000_000, let plain = family.togglingPrefix,
               inside(CRSReading(crs: "EPSG:\(plain.code)", title: ""), source) {
                return "the eastings carry no zone number, which \(crs) expects: re-run with --crs EPSG:\(plain.code) (\(plain.title))"
            }
            if !family.isPrefixed, zoneDigits >= 1 {
                let zone = Int(zoneDigits)
                let prefixed: CRSFamily? = (25...45).contains(zone) ? .gk3Prefixed(zone: zone) : (13...23).contains(zone) ? .gk6Prefixed(zone: zone) : nil
                if let prefixed, inside(CRSReading(crs: "EPSG:\(prefixed.code)", title: ""), source) {
                    return "the eastings start with zone number \(zone): re-run with --crs EPSG:\(prefixed.code) (\(prefixed.title))"
                }
            }
            for other in siblings(of: family) where inside(CRSReading(crs: "EPSG:\(other.code)", title: ""), shifted(source, from: family, to: other)) {
                return "wrong zone: the coordinates fit EPSG:\(other.code) (\(other.title)); re-run with --crs EPSG:\(other.code)"
            }
        }
        if let c = try? geodesy.crs(crs), c.kind == .geographic, inside(CRSReading(crs: crs, title: ""), GCJ02.toWGS84(source)) {
            return "the coordinates look like GCJ-02 (Amap, Tencent): re-run with --from-gcj02"
        }
        return nil
    }

    /// The other zones of the same kind over China.
    static func siblings(of family: CRSFamily) -> [CRSFamily] {
        let all: [CRSFamily] = switch family {
        case .gk3Prefixed: (25...45).map { .gk3Prefixed(zone: $0) }
        case .gk3: stride(from: 75, through: 135, by: 3).map { .gk3(centralMeridian: $0) }
        case .gk6Prefixed: (13...23).map { .gk6Prefixed(zone: $0) }
        case .gk6: stride(from: 75, through: 135, by: 6).map { .gk6(centralMeridian: $0) }
        case .utm: (43...53).map { .utm(zone: $0) }
        }
        return all.filter { $0.code != family.code }
    }

    /// A prefixed easting re-read in another zone keeps its position in the zone: its prefix changes too.
    static func shifted(_ p: Point, from: CRSFamily, to: CRSFamily) -> Point {
        guard from.isPrefixed else { return p }
        let within = p.x - (p.x / 1_000_000).rounded(.down) * 1_000_000
        let zone: Int = switch to {
        case .gk3Prefixed(let z), .gk6Prefixed(let z): z
        default: 0
        }
        return Point(x: Double(zone) * 1_000_000 + within, y: p.y)
    }
}

import LandbankGeometry

/// One way of reading a file's coordinates: a CRS, and whether x and y stand the other way round
/// (latitude before longitude, northing before easting as Chinese survey tables write X and Y).
public struct CRSReading: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var crs: String
    public var swapped: Bool
    /// "CGCS2000 3° Gauss–Krüger CM 114°E, zone number prefixed to the easting".
    public var title: String

    public init(crs: String, swapped: Bool = false, title: String) {
        self.crs = crs
        self.swapped = swapped
        self.title = title
    }

    public var description: String { "\(crs) (\(title)\(swapped ? ", x and y swapped" : ""))" }

    /// The point as this reading's CRS expects it.
    public func oriented(_ p: Point) -> Point { swapped ? Point(x: p.y, y: p.x) : p }
}

/// The CRS families that `CRSInference` considers, by EPSG code ranges (CGCS2000 Gauss–Krüger as China's
/// surveys use it, and WGS 84 / UTM over China).
public enum CRSFamily: Sendable {
    /// EPSG:4513–4533: 3° zones 25–45 (CM 75°E…135°E), zone number prefixed to the easting.
    case gk3Prefixed(zone: Int)
    /// EPSG:4534–4554: 3° zones, CM 75°E…135°E, no prefix.
    case gk3(centralMeridian: Int)
    /// EPSG:4491–4501: 6° zones 13–23 (CM 75°E…135°E), zone number prefixed.
    case gk6Prefixed(zone: Int)
    /// EPSG:4502–4512: 6° zones, CM 75°E…135°E, no prefix.
    case gk6(centralMeridian: Int)
    /// EPSG:32643–32653: WGS 84 / UTM zones 43N–53N.
    case utm(zone: Int)

    public var code: Int {
        switch self {
        case .gk3Prefixed(let z): 4513 + (z - 25)
        case .gk3(let cm): 4534 + (cm - 75) / 3
        case .gk6Prefixed(let z): 4491 + (z - 13)
        case .gk6(let cm): 4502 + (cm - 75) / 6
        case .utm(let z): 32600 + z
        }
    }

    public var centralMeridian: Int {
        switch self {
        case .gk3Prefixed(let z): 3 * z
        case .gk3(let cm), .gk6(let cm): cm
        case .gk6Prefixed(let z): 6 * z - 3
        case .utm(let z): 6 * z - 183
        }
    }

    public var title: String {
        switch self {
        case .gk3Prefixed(let z): "CGCS2000 3° Gauss–Krüger zone \(z), CM \(centralMeridian)°E, zone number prefixed to the easting"
        case .gk3: "CGCS2000 3° Gauss–Krüger CM \(centralMeridian)°E, no zone prefix"
        case .gk6Prefixed(let z): "CGCS2000 6° Gauss–Krüger zone \(z), CM \(centralMeridian)°E, zone number prefixed to the easting"
        case .gk6: "CGCS2000 6° Gauss–Krüger CM \(centralMeridian)°E, no zone prefix"
        case .utm(let z): "WGS 84 / UTM zone \(z)N, CM \(centralMeridian)°E"
        }
    }

    /// The family of an EPSG code, nil for other codes.
    public static func of(code: Int) -> CRSFamily? {
        switch code {
        case 4513...4533: .gk3Prefixed(zone: code - 4513 + 25)
        case 4534...4554: .gk3(centralMeridian: 75 + 3 * (code - 4534))
        case 4491...4501: .gk6Prefixed(zone: code - 4491 + 13)
        case 4502...4512: .gk6(centralMeridian: 75 + 6 * (code - 4502))
        case 32643...32653: .utm(zone: code - 32600)
        default: nil
        }
    }

    public var isPrefixed: Bool {
        switch self {
        case .gk3Prefixed, .gk6Prefixed: true
        default: false
        }
    }

    /// The same zone with the prefix added or taken away (UTM has none).
    public var togglingPrefix: CRSFamily? {
        switch self {
        case .gk3Prefixed: .gk3(centralMeridian: centralMeridian)
        case .gk3(let cm): .gk3Prefixed(zone: cm / 3)
        case .gk6Prefixed: .gk6(centralMeridian: centralMeridian)
        case .gk6(let cm): .gk6Prefixed(zone: (cm + 3) / 6)
        case .utm: nil
        }
    }

    /// The readings of an easting/northing pair by its numbers alone: a prefix names the zone; without one
    /// every central meridian over China fits.
    static func readings(easting e: ClosedRange<Double>, northing n: ClosedRange<Double>) -> [CRSFamily] {
        guard n.lowerBound >= 0, n.upperBound <= 10_000_000 else { return [] }
        let zone = Int((e.lowerBound / 1_000_000).rounded(.down))
        if zone >= 1, Int((e.upperBound / 1_000_000).rounded(.down)) == zone {
            let within = e.lowerBound - Double(zone) * 1_000_000, withinTop = e.upperBound - Double(zone) * 1_000_000
            guard within >= 100_000, withinTop <= 900_000 else { return [] }
            if (13...23).contains(zone) { return [.gk6Prefixed(zone: zone)] }
            if (25...45).contains(zone) { return [.gk3Prefixed(zone: zone)] }
            return []
        }
        guard e.lowerBound >= 100_000, e.upperBound <= 900_000 else { return [] }
        return stride(from: 75, through: 135, by: 3).map { .gk3(centralMeridian: $0) }
            + stride(from: 75, through: 135, by: 6).map { .gk6(centralMeridian: $0) }
            + (43...53).map { .utm(zone: $0) }
    }
}

import Foundation
import LandbankGeometry

/// Where EPSG says a CRS may be used: a box in degrees of longitude and latitude and its description.
/// The box may cross 180°: then `west` > `east` (EPSG:3460 Fiji, 176.81°E…178.15°W; EPSG:3832, 98.69°E…68°W).
public struct AreaOfUse: Equatable, Sendable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double
    public var name: String?

    public init(west: Double, south: Double, east: Double, north: Double, name: String? = nil) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
        self.name = name
    }

    public var crossesAntimeridian: Bool { west > east }

    /// Degrees of longitude from `west` eastwards to `east`, through 180° when the box crosses it.
    public var width: Double { crossesAntimeridian ? east - west + 360 : east - west }

    /// True when the point lies in the box widened by `margin` degrees on every side. Longitude is compared
    /// modulo 360°, so 181° (a 0…360° convention) lies in a box that crosses 180°; a box that does not cross
    /// it is compared as given, as before, so that 474° is not taken for 114°.
    public func contains(lon: Double, lat: Double, margin: Double) -> Bool {
        guard lat >= south - margin && lat <= north + margin else { return false }
        if !crossesAntimeridian { return lon >= west - margin && lon <= east + margin }
        if width + 2 * margin >= 360 { return true }
        var eastOfWest = (lon - (west - margin)).truncatingRemainder(dividingBy: 360)
        if eastOfWest < 0 { eastOfWest += 360 }
        return eastOfWest <= width + 2 * margin
    }

    /// The first point of a lon/lat geometry outside the box widened by `margin`, nil when all lie inside.
    public func firstPointOutside(_ lonLat: Geometry, margin: Double) -> Point? {
        GeometryScan.firstPoint(in: lonLat) { !contains(lon: $0.x, lat: $0.y, margin: margin) }
            .map { GeometryScan.point(at: $0, in: lonLat) }
    }

    /// Longest description kept in a message: EPSG's run to 900 characters (every county of Virginia).
    public static let nameLimit = 40

    /// One short line for messages: "lon 176.81…-178.15 (across 180°), lat -20.81…-12.42, Fiji - onshore. Includes…".
    public var summary: String {
        var s = "lon \(Self.degrees(west))…\(Self.degrees(east))\(crossesAntimeridian ? " (across 180°)" : ""), "
            + "lat \(Self.degrees(south))…\(Self.degrees(north))"
        if let name, !name.isEmpty { s += ", " + Self.shortened(name, to: Self.nameLimit) }
        return s
    }

    /// The text cut at a word boundary to at most `limit` characters, with "…" when something was cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-")) + "…"
    }

    /// Degrees with at most `decimals` decimals, no trailing zeros.
    static func degrees(_ v: Double, decimals: Int = 4) -> String {
        var s = String(format: "%.\(decimals)f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

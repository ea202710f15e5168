/// A geometry the registry's CRS cannot hold or measure truthfully; indexes are 0-based, as in `GeometryError`.
public struct MeasureError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A coordinate no CRS could mean; `limit` says which bound it breaks, e.g. "has a latitude beyond ±90°".
        case beyondPhysicalBounds(x: Double, y: Double, limit: String)
        /// Back from lon/lat the point lands `metres` away from where it was: outside the projection's domain.
        case noRoundTrip(x: Double, y: Double, metres: Double)
        /// An edge in lon/lat input from −180° to +180° (or spanning exactly 180°): which way round is meant?
        case ambiguousEdge(fromLon: Double, toLon: Double)
        /// An edge crosses 180° in a CRS that cannot hold it; `evidence` says how that shows.
        case crossesAntimeridian(fromLon: Double, toLon: Double, evidence: CrossingEvidence)
        /// Cadastral ÷ ellipsoidal differs from the projection's areal scale at the centroid by more than allowed.
        case areasDisagree(cadastral: Double, ellipsoidal: Double, arealScale: Double)
    }

    /// How a CRS shows that it cannot hold an edge across 180°.
    public enum CrossingEvidence: Equatable, Sendable {
        /// A lon/lat CRS: the stored edge would run the long way round the Earth, and so would its envelope.
        case longWayRound
        /// A projected CRS runs it the long way (EPSG:3857): the areas disagree.
        case areas(cadastral: Double, ellipsoidal: Double)
        /// A projected CRS whose coordinates past 180° come back from lon/lat on the other side (EPSG:3857).
        case noRoundTrip
    }

    public var kind: Kind
    /// The CRS the coordinates are in, e.g. "EPSG:3857".
    public var crs: String
    /// Index of the polygon in a multipolygon (nil for a single polygon or the whole geometry).
    public var polygon: Int?
    /// 0 is the exterior ring, 1... are holes.
    public var ring: Int?
    /// The coordinate (for an edge, its first point).
    public var coordinate: Int?

    public init(_ kind: Kind, crs: String, polygon: Int? = nil, ring: Int? = nil, coordinate: Int? = nil) {
        self.kind = kind
        self.crs = crs
        self.polygon = polygon
        self.ring = ring
        self.coordinate = coordinate
    }

    public var description: String {
        // What is wrong, where (indexes), and what to do: the place reads best before the advice.
        let what: String
        var advice: String?
        switch kind {
        case .beyondPhysicalBounds(let x, let y, let limit):
            what = "coordinate (\(x), \(y)) in \(crs) \(limit)"
        case .noRoundTrip(let x, let y, let metres):
            what = "coordinate (\(x), \(y)) lies outside the domain of \(crs)'s projection: "
                + (metres.isFinite ? "back from lon/lat it lands \(Self.short(metres)) m away" : "it does not come back from lon/lat")
        case .ambiguousEdge(let from, let to):
            what = "an edge from lon \(Self.degrees(from)) to lon \(Self.degrees(to)) spans \(Self.degrees(abs(to - from)))° of longitude, which could go either way round the Earth"
            advice = "split the polygon at 180°"
        case .crossesAntimeridian(let from, let to, let evidence):
            let why: String
            switch evidence {
            case .longWayRound: why = "its coordinates would run the long way round the Earth"
            case .areas(let cadastral, let ellipsoidal):
                why = "cadastral \(Self.short(cadastral)) m² against ellipsoidal \(Self.short(ellipsoidal)) m²"
            case .noRoundTrip: why = "its coordinates past 180° come back from lon/lat on the other side"
            }
            what = "crosses the antimeridian (180°) from lon \(Self.degrees(from)) to lon \(Self.degrees(to)), which \(crs) cannot hold (\(why))"
            advice = "split it at 180°"
        case .areasDisagree(let cadastral, let ellipsoidal, let scale):
            what = "cadastral area \(Self.short(cadastral)) m² is \(Self.short(cadastral / ellipsoidal)) times the ellipsoidal "
                + "\(Self.short(ellipsoidal)) m², but \(crs)'s areal scale there is \(Self.short(scale)) "
                + "(±\(Self.short(AreaAgreement.tolerance * 100))% allowed)"
            advice = "a CRS in other units, or a shape the projection cannot hold?"
        }
        var place: [String] = []
        if let p = polygon { place.append("polygon \(p)") }
        if let r = ring { place.append(r == 0 ? "exterior ring" : "interior ring \(r - 1)") }
        if let c = coordinate { place.append("coordinate \(c)") }
        let at = place.isEmpty ? "" : " (at " + place.joined(separator: ", ") + ")"
        return what + at + (advice.map { "; " + $0 } ?? "")
    }

    /// Degrees to 7 decimals (1 cm) at most, without trailing zeros.
    static func degrees(_ v: Double) -> String { AreaOfUse.degrees(v, decimals: 7) }

    /// Six significant digits: enough to see the figures, short enough for one line.
    static func short(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        var s = String(format: abs(v) >= 1e7 || (abs(v) < 1e-3 && v != 0) ? "%.5e" : "%.6g", v)
        if s.contains("e") { return s }
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
        return s
    }
}

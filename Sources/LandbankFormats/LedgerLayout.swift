import Foundation

/// Where a ledger's geometry is: a spreadsheet or CSV has no geometry type, so a column holds each parcel's WKT,
/// or a row per boundary point holds its coordinates (界址点成果表 — boundary-point table).
public enum LedgerLayout: Equatable, Sendable {
    /// One row per parcel; the column holds WKT.
    case wkt(column: String)
    /// One row per vertex, a parcel's vertices on consecutive rows in ring order; `ring` numbers the rings of a
    /// parcel (1 the exterior, 2… holes or further parts), `point` names the vertex (J1, J2…) and is not kept.
    case vertices(x: String, y: String, ring: String?, point: String?)

    static let wktColumns = ["wkt", "geometry", "geom", "the_geom", "shape", "几何"]
    /// x/y pairs by name, first axis first. In a Chinese survey table X is the northing: the import's axis check
    /// finds such a file and `--fix-axes` swaps it.
    static let coordinatePairs = [("x", "y"), ("easting", "northing"), ("e", "n"), ("东坐标", "北坐标"),
                                  ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度")]
    static let ringColumns = ["ring", "ring_no", "圈号"]
    static let pointColumns = ["point", "point_no", "点号", "界址点号"]

    /// The layout a header describes (names compared without case or surrounding spaces), nil when it has
    /// neither a WKT column nor a pair of coordinate columns.
    public static func of(columns: [String]) -> LedgerLayout? {
        let lower = columns.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func find(_ names: [String]) -> String? { names.lazy.compactMap { n in lower.firstIndex(of: n) }.first.map { columns[$0] } }
        if let w = find(wktColumns) { return .wkt(column: w) }
        for (x, y) in coordinatePairs {
            if let cx = find([x]), let cy = find([y]) {
                return .vertices(x: cx, y: cy, ring: find(ringColumns), point: find(pointColumns))
            }
        }
        return nil
    }

    /// The message when a header has neither.
    public static let missing = "no geometry column; name one of: \(wktColumns.joined(separator: ", ")), "
        + "or give one row per boundary point with x and y (or easting/northing, lon/lat) columns"
}

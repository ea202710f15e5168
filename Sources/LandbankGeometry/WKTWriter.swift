extension WKT {
    /// `POLYGON ((x y, ...), (hole ...))` or `MULTIPOLYGON (((...)), ((...)))`, prefixed by `SRID=n;` when an
    /// SRID is given. With `decimals` nil every number is the shortest text that reads back to the same Double
    /// (very small or large magnitudes use an exponent, `1e-05`); otherwise it is rounded to that many decimals
    /// (half away from zero) and trailing zeros are dropped.
    public static func write(_ geometry: Geometry, srid: Int? = nil, decimals: Int? = nil) -> String {
        // A caller asking for negative or absurd precision is our bug, not bad data.
        precondition(decimals.map { (0...17).contains($0) } ?? true, "WKT decimals must be in 0...17")
        var out = ""
        out.reserveCapacity(geometry.asMultiPolygon.pointCount * 24 + 32)
        if let srid { out += "SRID=\(srid);" }
        switch geometry {
        case .polygon(let polygon):
            out += "POLYGON "
            write(polygon, decimals: decimals, to: &out)
        case .multiPolygon(let multi):
            out += "MULTIPOLYGON ("
            for (i, polygon) in multi.polygons.enumerated() {
                if i > 0 { out += ", " }
                write(polygon, decimals: decimals, to: &out)
            }
            out += ")"
        }
        return out
    }

    private static func write(_ polygon: Polygon, decimals: Int?, to out: inout String) {
        out += "("
        for (i, ring) in polygon.rings.enumerated() {
            out += i == 0 ? "(" : ", ("
            for (j, p) in ring.points.enumerated() {
                if j > 0 { out += ", " }
                out += format(p.x, decimals: decimals)
                out += " "
                out += format(p.y, decimals: decimals)
            }
            out += ")"
        }
        out += ")"
    }

    /// One ordinate as text; see `write(_:srid:decimals:)`. Fixed decimals use the GeoJSON writer's
    /// `DecimalFormat`, so both formats round alike (half away from zero, trailing zeros dropped).
    static func format(_ value: Double, decimals: Int?) -> String {
        guard let decimals else {
            let text = value.description
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        return DecimalFormat(decimals: decimals).text(value)
    }
}

import Foundation
import LandbankGeometry

/// Writes the boundary-point format `BoundaryPointReader` reads: the `[属性描述]` header naming the datum, zone
/// width and zone, then per parcel `界址点数,地块面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@` and its points
/// `J<n>,<ring>,X,Y` with X the northing and Y the prefixed easting, in millimetres (3 decimals). Ring 1 is
/// the first exterior; every further ring (a hole or another part) takes the next number; each ring repeats
/// its first point to close. CRLF line ends, as the reporting systems' Windows tools expect them; the caller
/// encodes the text (UTF-8, or GBK as those tools often expect: `TextEncoding`).
public struct BoundaryPointWriter {
    public let datum: BoundaryPointCRS.Datum
    public let width: Int
    public let zone: Int
    private var parcels = 0

    /// `code` is a prefixed Gauss–Krüger EPSG code (`BoundaryPointCRS.describe`); nil when it is not one.
    public init?(code: Int) {
        guard let d = BoundaryPointCRS.describe(code: code) else { return nil }
        datum = d.datum
        width = d.width
        zone = d.zone
    }

    public func header(producer: String = "landbank", date: String) -> String {
        [
            "[属性描述]", "格式版本号=1.01", "数据产生单位=\(producer)", "数据产生日期=\(date)",
            "坐标系=\(BoundaryPointCRS.title(datum))", "几度分带=\(width)", "投影类型=高斯克吕格", "计量单位=米",
            "带号=\(zone)", "精度=0.001", "转换参数=,,,,,,", "[地块坐标]",
        ].map { $0 + "\r\n" }.joined()
    }

    /// One parcel's lines. `geometry` is in the writer's CRS (x the prefixed easting, y the northing).
    /// Commas in the id, name or use would break the line: they are written as the full-width "，".
    public mutating func parcel(id: String, name: String?, landUse: String?, areaHa: Double, geometry: MultiPolygon) -> String {
        parcels += 1
        func clean(_ s: String?) -> String {
            (s ?? "").replacingOccurrences(of: ",", with: "，").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        var lines: [String] = []
        var ring = 0
        var point = 0
        for polygon in geometry.polygons {
            for r in polygon.rings {
                ring += 1
                let first = point + 1
                for p in r.points.dropLast() {
                    point += 1
                    lines.append("J\(point),\(ring),\(Self.mm(p.y)),\(Self.mm(p.x))")
                }
                lines.append("J\(first),\(ring),\(Self.mm(r.points[0].y)),\(Self.mm(r.points[0].x))")
            }
        }
        let head = "\(lines.count),\(String(format: "%.4f", areaHa)),\(clean(id)),\(clean(name)),面,,\(clean(landUse)),,@"
        return ([head] + lines).map { $0 + "\r\n" }.joined()
    }

    static func mm(_ v: Double) -> String { String(format: "%.3f", v) }
}

import Foundation
import LandbankRegistry

/// Table and number formatting for the terminal.
enum Format {
    static func fixed(_ v: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", v) }

    static let totalsHeader = ["parcels", "cadastral m²", "cadastral mu", "ellipsoidal m²", "ellipsoidal mu"]

    static func totalsRow(_ key: String, _ t: AreaTotals) -> [String] {
        [key, String(t.parcels),
         t.cadastralAreaM2.map { fixed($0, 2) } ?? "—", t.cadastralAreaMu.map { fixed($0, 3) } ?? "—",
         fixed(t.ellipsoidalAreaM2, 2), fixed(t.ellipsoidalAreaMu, 3)]
    }

    static func areaLine(_ t: AreaTotals) -> String {
        var s = ""
        if let c = t.cadastralAreaM2, let mu = t.cadastralAreaMu { s += "cadastral \(fixed(c, 2)) m² = \(fixed(mu, 3)) mu; " }
        return s + "ellipsoidal \(fixed(t.ellipsoidalAreaM2, 2)) m² = \(fixed(t.ellipsoidalAreaMu, 3)) mu"
    }

    /// Columns padded to their widest cell (counting a CJK character as two columns).
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { width($0[c]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - width(s))
                return rightAligned.contains(c) ? pad + s : s + pad
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
            + rows.map(line)).joined(separator: "\n")
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isEmojiPresentation == false && $1.value >= 0x2E80 ? 2 : 1) }
    }
}

extension Format {
    /// "key  value" lines with the keys padded to the widest.
    static func keyValues(_ lines: [(String, String)]) {
        let w = lines.map { width($0.0) }.max() ?? 0
        for (k, v) in lines { print(k + String(repeating: " ", count: w - width(k)) + "  " + v) }
    }

    static func reportText(_ r: DisposalReport) -> String {
        var out: [String] = []
        let period = "\(r.from?.description ?? "the beginning") to \(r.to?.description ?? "today")"
        out.append("disposal of idle land and floor space, \(period)\(r.zone.map { ", zone \($0)" } ?? "")")
        out.append("")
        out.append("land: \(r.parcelsDisposed) parcels disposed, \(fixed(r.landTotal.total, 3)) mu (\(r.landUnit))")
        func rows(_ rs: [DisposalReport.Row], _ total: DisposalReport.Row, _ d: Int) -> [[String]] {
            (rs + [total]).map { [$0.method, String($0.count), fixed($0.recovered, d), fixed($0.revitalized, d),
                                  fixed($0.underRecovery, d), fixed($0.total, d)] }
        }
        out.append(table(["method", "parcels", "recovered mu", "revitalized mu", "under recovery mu", "total mu"],
                         rows(r.land, r.landTotal, 3), rightAligned: [1, 2, 3, 4, 5]))
        out.append("")
        out.append("idle floor space: \(r.buildingsDisposed) buildings, \(fixed(r.floorSpaceTotal.total, 2)) m²")
        out.append(table(["method", "buildings", "recovered m²", "revitalized m²", "under recovery m²", "total m²"],
                         rows(r.floorSpace, r.floorSpaceTotal, 2), rightAligned: [1, 2, 3, 4, 5]))
        out.append("")
        out.append("standard factories (标准厂房), new builds from \(r.newBuildSince):")
        let occ = [("old stock", r.oldStock), ("new builds", r.newBuilds)].map { name, o in
            [name, String(o.buildings), fixed(o.floorAreaM2, 2), fixed(o.letFloorAreaM2, 2),
             o.occupancy.map { fixed($0 * 100, 2) + "%" } ?? "—", fixed(o.target * 100, 0) + "%",
             o.meetsTarget.map { $0 ? "yes" : "no" } ?? "—"]
        }
        out.append(table(["stock", "buildings", "floor m²", "let m²", "occupancy", "target", "met"], occ, rightAligned: [1, 2, 3, 4, 5]))
        return out.joined(separator: "\n")
    }

    static func reportCSV(_ r: DisposalReport) -> String {
        var lines = ["section,method,count,recovered,revitalized,under_recovery,total"]
        for (section, rows, total) in [("land_mu", r.land, r.landTotal), ("floor_space_m2", r.floorSpace, r.floorSpaceTotal)] {
            for x in rows + [total] {
                lines.append([section, x.method, String(x.count), "\(x.recovered)", "\(x.revitalized)", "\(x.underRecovery)", "\(x.total)"]
                    .joined(separator: ","))
            }
        }
        lines.append("")
        lines.append("section,stock,buildings,floor_area_m2,let_floor_area_m2,occupancy,target")
        for (name, o) in [("old_stock", r.oldStock), ("new_builds", r.newBuilds)] {
            lines.append(["standard_factories", name, String(o.buildings), "\(o.floorAreaM2)", "\(o.letFloorAreaM2)",
                          o.occupancy.map { "\($0)" } ?? "", "\(o.target)"].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}

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
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
            + rows.map(line)).joined(separator: "\n")
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isEmojiPresentation == false && $1.value >= 0x2E80 ? 2 : 1) }
    }
}

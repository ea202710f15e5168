import Foundation
import Testing
@testable import LandbankRegistry

@Suite("export --format 报部坐标 and its import give the same parcels")
struct BoundaryPointExportTests {
    @Test("export, then import: the same ids, names, uses and areas (to the millimetre of the coordinates)")
    func roundTrip() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("formats/parcels.geojson"))
        let out = try scratchDirectory() + "/parcels.txt"
        var o = ExportOptions()
        o.format = .boundaryPoints
        #expect(try r.export(to: out, options: o) == 12)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("[属性描述]\r\n") && text.contains("坐标系=2000国家大地坐标系\r\n带号=38".replacingOccurrences(of: "\r\n带号", with: "\r\n几度分带=3\r\n投影类型=高斯克吕格\r\n计量单位=米\r\n带号")))
        #expect(text.contains("[地块坐标]\r\n"))
        let back = try newRegistry()
        let s = try back.importFile(out)
        #expect(s.sourceCRS == "EPSG:4526" && s.imported.parcels == 12)
        let a = Dictionary(uniqueKeysWithValues: try r.parcels().map { ($0.parcelID, $0) })
        for p in try back.parcels() {
            let q = try #require(a[p.parcelID])
            #expect(p.name == q.name && p.landUse == q.landUse)
            // Coordinates rounded to 1 mm move a parcel's area by well under 0.1 m².
            #expect(abs(p.cadastralAreaM2! - q.cadastralAreaM2!) < 0.1, "\(p.parcelID)")
        }
    }

    @Test("the ASCII name bubu is the same format; a lon/lat CRS is refused")
    func names() throws {
        #expect(ExportFormat(name: "bubu") == .boundaryPoints && ExportFormat(name: "报部坐标") == .boundaryPoints)
        let r = try newRegistry()
        _ = try r.importFile(fixture("formats/parcels.geojson"))
        var o = ExportOptions(crs: "EPSG:4490")
        o.format = .boundaryPoints
        #expect { try r.export(to: try scratchDirectory() + "/x.txt", options: o) } throws: { "\($0)".contains("needs a Gauss–Krüger CRS") }
    }
}

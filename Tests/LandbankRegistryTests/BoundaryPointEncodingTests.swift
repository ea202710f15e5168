import Foundation
import Testing
import LandbankFormats
@testable import LandbankRegistry

/// 报部坐标 files in GBK, as survey offices' Windows tools write them (Fixtures/formats/parcels-bubu-gbk.txt, made by
/// scripts/gen-format-fixtures.py from the same twelve parcels as formats/parcels.geojson).
@Suite("报部坐标 in GBK: detected, named with --encoding, and written by export")
struct BoundaryPointEncodingTests {
    /// The reference parcels by id.
    func reference() throws -> [String: Parcel] {
        let r = try newRegistry()
        _ = try r.importFile(fixture("formats/parcels.geojson"))
        return Dictionary(uniqueKeysWithValues: try r.parcels().map { ($0.parcelID, $0) })
    }

    @Test("a GBK file is detected (it is not valid UTF-8) and read with its Chinese names, uses and areas")
    func detected() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture("formats/parcels-bubu-gbk.txt")))
        #expect(String(data: bytes, encoding: .utf8) == nil, "the fixture really is GBK")
        let r = try newRegistry()
        let s = try r.importFile(fixture("formats/parcels-bubu-gbk.txt"))
        #expect(s.sourceCRS == "EPSG:4526" && s.imported.parcels == 12)
        let ref = try reference()
        for p in try r.parcels() {
            let q = try #require(ref[p.parcelID])
            #expect(p.name == q.name, "\(p.parcelID)")
            #expect(p.landUse == (q.landUse == "industrial" ? "工业用地" : "仓储用地"))
            #expect(abs(p.cadastralAreaM2! - q.cadastralAreaM2!) < 0.1, "\(p.parcelID)")
        }
        #expect(try r.parcel(id: "LL-001")?.parcel.name == "新余瑞鑫供应链管理有限公司")
    }

    @Test("--encoding GBK reads it the same; --encoding UTF-8 refuses it; an unknown name is refused")
    func named() throws {
        let path = fixture("formats/parcels-bubu-gbk.txt")
        let r = try newRegistry()
        _ = try r.importParcels(from: try FeatureSources.open(path, encoding: "GBK"))
        #expect(try r.parcel(id: "LL-004")?.parcel.name == "新余邦嘉纺织有限公司")
        #expect { _ = try FeatureSources.open(path, encoding: "UTF-8") } throws: {
            "\($0)".hasPrefix("parcels-bubu-gbk.txt: is not valid UTF-8 text (as --encoding says); name another encoding or leave it to detection")
        }
        #expect { _ = try FeatureSources.open(path, encoding: "latin-9") } throws: { "\($0)".contains("--encoding takes UTF-8, GBK (CP936) or GB18030") }
    }

    @Test("export --encoding GBK writes GBK that reads back as the same parcels; GeoJSON stays UTF-8")
    func export() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("formats/parcels.geojson"))
        let out = try scratchDirectory() + "/parcels.txt"
        var o = ExportOptions()
        o.format = .boundaryPoints
        o.encoding = "GBK"
        #expect(try r.export(to: out, options: o) == 12)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(String(data: bytes, encoding: .utf8) == nil)
        let gbk = try #require(TextEncoding.gbk.decode([UInt8](bytes)))
        #expect(gbk.hasPrefix("[属性描述]\r\n") && gbk.contains(",LL-001,新余瑞鑫供应链管理有限公司,面,"))
        let back = try newRegistry()
        _ = try back.importFile(out)
        let ref = try reference()
        for p in try back.parcels() { #expect(p.name == ref[p.parcelID]?.name) }
        var json = ExportOptions()
        json.encoding = "GBK"
        #expect { try r.export(to: out + ".geojson", options: json) } throws: { "\($0)".contains("GeoJSON is UTF-8 by definition") }
    }

    @Test("a name GBK has no code for is refused naming the parcel and the character; GB18030 writes it")
    func unencodable() throws {
        let path = try scratchDirectory() + "/rare.geojson"
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"R-1","properties":{"name":"𠀀记仓储"},"geometry":{"type":"Polygon","coordinates":[[[576000,3085000],[576050,3085000],[576050,3085050],[576000,3085000]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try newRegistry()
        _ = try r.importFile(path)
        var o = ExportOptions()
        o.format = .boundaryPoints
        o.encoding = "GBK"
        let out = try scratchDirectory() + "/rare.txt"
        #expect { try r.export(to: out, options: o) } throws: { "\($0)".contains("R-1") && "\($0)".contains("\"𠀀\" has no code in GBK") }
        #expect(!FileManager.default.fileExists(atPath: out), "nothing left behind")
        o.encoding = "GB18030"
        #expect(try r.export(to: out, options: o) == 1)
        let back = try newRegistry()
        _ = try back.importFile(out)
        #expect(try back.parcel(id: "R-1")?.parcel.name == "𠀀记仓储")
    }
}

import Foundation
import Testing
@testable import LandbankFormats

@Suite("A .dbf's encoding when nothing names it")
struct ShapefileEncodingTests {
    @Test("GBK bytes are GB18030, UTF-8 bytes are UTF-8, ASCII is left to GDAL")
    func classify() throws {
        let gbk: [UInt8] = [0xD0, 0xC2, 0xD3, 0xE0, 0x20, 0xB8, 0xDF, 0xD0, 0xC2]  // 新余 高新 in GBK
        #expect(ShapefileEncoding.classify(gbk)?.encoding == "GB18030")
        #expect(ShapefileEncoding.classify(Array("新余高新区 光明片区".utf8))?.encoding == "UTF-8")
        #expect(ShapefileEncoding.classify(Array("LL-001 warehousing".utf8)) == nil)
        // A UTF-8 field cut inside its last character leaves one stray byte: still UTF-8.
        #expect(ShapefileEncoding.classify(Array("新余高新区光明片区新余高新区光明片区".utf8) + [0xE5, 0x20])?.encoding == "UTF-8")
    }

    @Test("a .cpg is honoured and a language driver id left to GDAL")
    func marks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lbf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "936\n".write(toFile: dir + "/a.cpg", atomically: true, encoding: .utf8)
        #expect(try ShapefileEncoding.detect(shp: dir + "/a.shp") == .init(encoding: "936", how: "from .cpg", openOption: false))
        var header = [UInt8](repeating: 0, count: 33)
        header[0] = 3; header[8] = 33; header[29] = 0x4D
        try Data(header).write(to: URL(fileURLWithPath: dir + "/b.dbf"))
        #expect(try ShapefileEncoding.detect(shp: dir + "/b.shp")?.openOption == false)
    }
}

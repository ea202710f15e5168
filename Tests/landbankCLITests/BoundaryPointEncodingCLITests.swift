import Foundation
import Testing

@Suite("报部坐标 in GBK on the command line")
struct BoundaryPointEncodingCLITests {
    @Test("import reads the GBK fixture; export --format 报部坐标 --encoding GBK writes GBK; a bad name is refused (exit 65, as the library's other refusals of an export's options)")
    func gbk() throws {
        let dir = try scratchDirectory()
        let reg = dir + "/r.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        let i = try lb("import", reg, fixture("formats/parcels-bubu-gbk.txt"))
        #expect(i.status == 0 && i.stdout.contains("imported 12 parcels from parcels-bubu-gbk.txt (EPSG:4526 → EPSG:4547)"), "\(i.stdout)\(i.stderr)")
        let out = dir + "/out.txt"
        let e = try lb("export", reg, "--out", out, "--format", "报部坐标", "--encoding", "GBK")
        #expect(e.status == 0, "\(e.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(String(data: bytes, encoding: .utf8) == nil)
        // 新余 in GBK: D0 C2 D3 E0.
        #expect(bytes.range(of: Data([0xD0, 0xC2, 0xD3, 0xE0])) != nil)
        let utf8 = try lb("export", reg, "--out", dir + "/utf8.txt", "--format", "bubu")
        #expect(try utf8.status == 0 && String(contentsOfFile: dir + "/utf8.txt", encoding: .utf8).contains("新余"))
        let bad = try lb("export", reg, "--out", dir + "/x.txt", "--format", "bubu", "--encoding", "EBCDIC")
        #expect(bad.status == 65 && bad.stderr.contains("EBCDIC is not an encoding landbank writes"), "\(bad.stderr)")
    }
}

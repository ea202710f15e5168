import LandbankGeometry
import Testing
@testable import LandbankFormats

/// The example of the CGCS2000 boundary-point format as published with the 勘测定界 requirements (two parcels,
/// zone 38 prefixed to Y, X the northing), cut down to closed squares.
let sampleFile = """
[属性描述]
格式版本号=1.01
数据产生单位=XX市自然资源局
数据产生日期=2025-6-15
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=38
精度=3
转换参数=,,,,,,
[地块坐标]
5,0.0100,1,区块一,面,,工业用地,,@
J1,1,3082000.000,38584000.000
J2,1,3082000.000,38584010.000
J3,1,3082010.000,38584010.000
J4,1,3082010.000,38584000.000
J1,1,3082000.000,38584000.000
10,0.0096,2,区块二,面,,仓储用地,,@
J1,1,3083000.000,38585000.000
J2,1,3083000.000,38585010.000
J3,1,3083010.000,38585010.000
J4,1,3083010.000,38585000.000
J1,1,3083000.000,38585000.000
J5,2,3083002.000,38585002.000
J6,2,3083004.000,38585002.000
J7,2,3083004.000,38585004.000
J8,2,3083002.000,38585004.000
J5,2,3083002.000,38585002.000

"""

@Suite("The boundary-point format of China's land reporting (报部坐标)")
struct BoundaryPointTests {
    @Test("the header names the CRS; X is the northing, Y the prefixed easting; ring 2 is a hole")
    func read() throws {
        let r = try BoundaryPointReader(bytes: Array(sampleFile.utf8), name: "bb.txt")
        #expect(r.crs == "EPSG:4526")
        let a = try #require(try r.next())
        #expect(a.properties.first == JSONMember("parcel_id", .string("1")))
        #expect(a.properties.contains(JSONMember("land_use", .string("工业用地"))))
        guard case .polygon(let p) = a.geometry else { Issue.record("\(String(describing: a.geometry))"); return }
        #expect(p.exterior.points[0] == Point(x: 38584000, y: 3082000))
        let b = try #require(try r.next())
        guard case .polygon(let q) = b.geometry else { Issue.record("\(String(describing: b.geometry))"); return }
        #expect(q.holes.count == 1)
        #expect(try r.next() == nil)
    }

    @Test("GB18030 files are read; the sniffer knows both encodings")
    func gbk() throws {
        let bytes: [UInt8] = [0x5B, 0xCA, 0xF4, 0xD0, 0xD4, 0xC3, 0xE8, 0xCA, 0xF6, 0x5D, 0x0D, 0x0A]
        #expect(BoundaryPointReader.sniff(bytes))
        #expect(BoundaryPointReader.sniff(Array("\u{FEFF}[属性描述]\r\n".utf8)))
        #expect(TextDecoding.utf8OrGB18030(bytes) == "[属性描述]\r\n")
        #expect(!BoundaryPointReader.sniff(Array("parcel_id,wkt\n".utf8)))
    }

    @Test("a short parcel, a bad number and an unknown datum are refused naming parcel and line")
    func bad() throws {
        let short = sampleFile.replacingOccurrences(of: "5,0.0100,1,", with: "6,0.0100,1,")
        let r = try BoundaryPointReader(bytes: Array(short.utf8), name: "bb.txt")
        #expect { _ = try r.next() } throws: { "\($0)".hasPrefix("bb.txt: parcel 1 (id \"1\") at line 19: declares 6 points but point 6 is") }
        let nan = sampleFile.replacingOccurrences(of: "J2,1,3082000.000,", with: "J2,1,north,")
        let r2 = try BoundaryPointReader(bytes: Array(nan.utf8), name: "bb.txt")
        #expect { _ = try r2.next() } throws: { "\($0)".contains("point \"J2\": X \"north\" and Y \"38584010.000\" must be numbers") }
        let odd = try BoundaryPointReader(bytes: Array(sampleFile.replacingOccurrences(of: "2000国家大地坐标系", with: "地方坐标系").utf8), name: "bb.txt")
        #expect(odd.crs == nil && odd.crsProblem?.contains("not one landbank knows") == true)
    }

    @Test("the writer's lines read back as the same rings")
    func roundTrip() throws {
        let r = try BoundaryPointReader(bytes: Array(sampleFile.utf8), name: "bb.txt")
        var w = try #require(BoundaryPointWriter(code: 4526))
        var text = w.header(date: "2025-06-15")
        var originals: [Geometry] = []
        while let f = try r.next() {
            originals.append(f.geometry!)
            text += w.parcel(id: "P", name: "甲,乙", landUse: nil, areaHa: 0.01, geometry: f.geometry!.asMultiPolygon)
        }
        let back = try BoundaryPointReader(bytes: Array(text.utf8), name: "out.txt")
        #expect(back.crs == "EPSG:4526")
        for g in originals { #expect(try back.next()?.geometry == g) }
        #expect(text.contains("甲，乙"))
    }
}

@Suite("Text encodings of the files bureaus hand over")
struct TextEncodingTests {
    @Test("names: GBK's aliases, GB18030, UTF-8, any case; others unknown")
    func names() {
        #expect(TextEncoding(name: "gbk") == .gbk && TextEncoding(name: "CP936") == .gbk && TextEncoding(name: "gb2312") == .gbk)
        #expect(TextEncoding(name: "GB18030") == .gb18030 && TextEncoding(name: "utf8") == .utf8 && TextEncoding(name: "latin1") == nil)
    }

    @Test("GBK both ways: 属性 is CA F4 D0 D4 (the GB 2312 code table); a character outside GBK has no code there")
    func gbk() {
        #expect(TextEncoding.gbk.encode("[属性描述]") == [0x5B, 0xCA, 0xF4, 0xD0, 0xD4, 0xC3, 0xE8, 0xCA, 0xF6, 0x5D])
        #expect(TextEncoding.gbk.decode([0xCA, 0xF4, 0xD0, 0xD4]) == "属性")
        #expect(TextEncoding.gbk.encode("𠀀") == nil && TextEncoding.gbk.firstUnencodable("甲𠀀乙") == "𠀀")
        // GB18030 gives U+20000 four bytes: 95 32 82 36 (GB 18030-2005, the supplementary-plane mapping).
        #expect(TextEncoding.gb18030.encode("𠀀") == [0x95, 0x32, 0x82, 0x36])
        #expect(TextEncoding.utf8.decode([0xCA, 0xF4]) == nil)
    }

    @Test("the reader takes the encoding it is told: GBK bytes as UTF-8 are refused, as GBK read")
    func told() throws {
        let gbk = try #require(TextEncoding.gbk.encode(sampleFile))
        #expect(throws: FormatError.self) { try BoundaryPointReader(bytes: gbk, name: "bb.txt", encoding: .utf8) }
        let r = try BoundaryPointReader(bytes: gbk, name: "bb.txt", encoding: .gbk)
        #expect(try r.next()?.properties.contains(JSONMember("name", .string("区块一"))) == true)
        let detected = try BoundaryPointReader(bytes: gbk, name: "bb.txt")
        #expect(detected.crs == "EPSG:4526")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import LandbankGeometry

/// Everything the writer hands to its sink, and how many times it did.
private final class Collected {
    var bytes: [UInt8] = []
    var flushes: [Int] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

private func writer(_ collected: Collected, decimals: Int = 7, crsName: String? = nil,
                    name: String? = nil) -> GeoJSONWriter {
    GeoJSONWriter(decimals: decimals, crsName: crsName, name: name) { chunk in
        collected.bytes.append(contentsOf: chunk)
        collected.flushes.append(chunk.count)
    }
}

private func ring(_ xy: [(Double, Double)]) throws -> Ring {
    try Ring(xy.map { Point(x: $0.0, y: $0.1) })
}

/// A value rounded to `decimals` as the writer promises: the nearest multiple of 10^-decimals, read back.
private func rounded(_ v: Double, _ decimals: Int) -> Double {
    let scale = pow(10, Double(decimals))
    return (v * scale).rounded(.toNearestOrAwayFromZero) / scale
}

@Suite("GeoJSON writer")
struct GeoJSONWriterTests {
    @Test("coordinates keep at most the decimals asked for, trailing zeros trimmed, never -0")
    func coordinateText() {
        let cases: [(Double, Int, String)] = [
            (114.9, 7, "114.9"), (114.90000001, 7, "114.9"), (115.00000004, 7, "115"), (114.9999999999, 7, "115"),
            (-0.00000004, 7, "0"), (-0.00000005, 7, "0"), (1e-7, 7, "0.0000001"), (0, 7, "0"),
            (-0.0, 3, "0"), (489100.25, 3, "489100.25"), (3079000, 3, "3079000"), (-114.25, 1, "-114.3"),
            (0.5, 0, "1"), (2.5, 0, "3"), (-0.5, 0, "-1"), (123.456, 0, "123"), (3575.1049999, 3, "3575.105"),
            // The product lands on .5 only through rounding; printf gives the same (%.2f of 0.015 is "0.01").
            (0.015, 2, "0.01"), (0.025, 2, "0.03"), (1.5e-7, 7, "0.0000001"), (2.5e-7, 7, "0.0000002"),
            (27.80000005, 7, "27.8000001"), (1e20, 2, "1e+20"),
        ]
        for (value, decimals, expected) in cases {
            #expect(DecimalFormat(decimals: decimals).text(value) == expected, "\(value) at \(decimals)")
        }
        #expect(GeoJSONWriter.number(3575.1049999, decimals: 3) == .number("3575.105"))
        #expect(GeoJSONWriter.number(.nan, decimals: 3) == .null)
    }

    @Test("a small collection is written exactly, one feature per line, crs and name in the header")
    func exactText() throws {
        let collected = Collected()
        var w = writer(collected, decimals: 2, crsName: "urn:ogc:def:crs:EPSG::4547", name: "闲置土地")
        let square = Polygon(exterior: try ring([(0, 0), (1.005, 0), (1, 1), (0, 0)]))
        try w.write(id: "XY-001", properties: [JSONMember("zone", .string("新余高新区")),
                                               JSONMember("area_mu", .number("3575.105"))],
                    geometry: .polygon(square))
        try w.write(id: nil, properties: [], geometry: nil)
        try w.write(id: "M", properties: [JSONMember("n", .null)], geometry: .multiPolygon(MultiPolygon(square)))
        try w.finish()
        #expect(collected.text == #"""
        {"type":"FeatureCollection","name":"闲置土地","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[
        {"type":"Feature","id":"XY-001","properties":{"zone":"新余高新区","area_mu":3575.105},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
        {"type":"Feature","properties":{},"geometry":null},
        {"type":"Feature","id":"M","properties":{"n":null},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}
        ]}

        """#)
        #expect(collected.flushes.count == 1)

        let empty = Collected()
        var e = writer(empty, crsName: nil)
        try e.finish()
        #expect(empty.text == "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
    }

    @Test("quotes, backslashes and control characters are escaped; Chinese is written as UTF-8")
    func escaping() throws {
        let collected = Collected()
        var w = writer(collected)
        try w.write(id: "a\"b", properties: [JSONMember("k\\", .string("line1\nline2\ttab\u{1}\u{7F}新"))], geometry: nil)
        try w.finish()
        #expect(collected.text.contains(#""id":"a\"b","properties":{"k\\":"line1\nline2\ttab\u0001\#u{7F}新"}"#))
        let path = try geoJSONFile(collected.text)
        let back = try readAllFeatures(path)
        #expect(back[0].id == "a\"b")
        #expect(back[0].properties == [JSONMember("k\\", .string("line1\nline2\ttab\u{1}\u{7F}新"))])
    }

    @Test("what the reader reads back equals what was written, rounded to the decimals")
    func roundTrip() throws {
        var state: UInt64 = 42
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var written: [(String, [JSONMember], Geometry)] = []
        for i in 0..<500 {
            var rings: [[Point]] = []
            for _ in 0..<(1 + i % 3) {
                var points = (0..<(3 + i % 5)).map { _ in
                    Point(x: 114 + random() * 2 - (i % 7 == 0 ? 300 : 0), y: 27 + random())
                }
                points.append(points[0])
                rings.append(points)
            }
            let polygon = try Polygon(rings: rings)
            let geometry: Geometry = i % 2 == 0 ? .polygon(polygon) : .multiPolygon(try MultiPolygon([polygon, polygon]))
            let properties = [JSONMember("i", .number("\(i)")), JSONMember("area", GeoJSONWriter.number(random() * 1e4, decimals: 3))]
            written.append(("P\(i)", properties, geometry))
        }
        let collected = Collected()
        var w = writer(collected, decimals: 7, crsName: "EPSG:4490")
        for (id, properties, geometry) in written { try w.write(id: id, properties: properties, geometry: geometry) }
        try w.finish()

        let reader = try GeoJSONReader(path: try geoJSONFile(collected.text))
        #expect(try reader.header().crsName == "EPSG:4490")
        for (id, properties, geometry) in written {
            let f = try #require(try reader.next())
            #expect(f.id == id && f.properties == properties)
            let expected = try geometry.asMultiPolygon.polygons.map { p in
                try Polygon(rings: p.rings.map { $0.points.map { Point(x: rounded($0.x, 7), y: rounded($0.y, 7)) } })
            }
            #expect(f.geometry?.asMultiPolygon == (try MultiPolygon(expected)))
        }
        #expect(try reader.next() == nil)
    }

    @Test("output passes to the sink in chunks of about 1 MiB, the rest at finish")
    func flushing() throws {
        let collected = Collected()
        var w = writer(collected)
        let square = Polygon(exterior: try ring([(114.1234567, 27.1234567), (114.2, 27.1), (114.2, 27.2), (114.1234567, 27.1234567)]))
        for i in 0..<20_000 {
            try w.write(id: "XY-\(i)", properties: [JSONMember("zone", .string("新余高新区"))], geometry: .polygon(square))
        }
        #expect(w.count == 20_000)
        let beforeFinish = collected.flushes.count
        try w.finish()
        #expect(beforeFinish >= 2 && collected.flushes.count == beforeFinish + 1)
        #expect(collected.flushes.dropLast().allSatisfy { $0 >= GeoJSONWriter.flushThreshold && $0 < GeoJSONWriter.flushThreshold + 1000 })
        #expect(try readAllFeatures(try geoJSONFile(collected.text)).count == 20_000)
    }
}

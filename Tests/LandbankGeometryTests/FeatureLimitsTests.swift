import Foundation
import Testing
@testable import LandbankGeometry

/// The error reading all of `text` as GeoJSON ends with, nil when it reads. Written through Foundation's
/// own conversion: a debug build copying 16 MiB byte by byte would take seconds.
private func readError(_ text: String, filling: UInt8? = nil, count: Int = 0) throws -> GeoJSONReadError? {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-limits-\(UUID().uuidString).geojson").path
    if let filling {
        // `count` copies of `filling` in place of the "@" in `text`, written as bytes.
        let parts = text.components(separatedBy: "@")
        var data = Data(parts[0].utf8)
        data.append(Data(repeating: filling, count: count))
        data.append(Data(parts[1].utf8))
        try data.write(to: URL(fileURLWithPath: path))
    } else {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    do throws(GeoJSONReadError) {
        _ = try readAllFeatures(path)
        return nil
    } catch {
        return error
    }
}

/// One feature on line 2 with the given id member, properties and geometry.
private func feature(id: String = "\"A\"", properties: String = "{}", geometry: String = "null") -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"id\":\(id),\"properties\":\(properties),\"geometry\":\(geometry)}]}"
}

private func square(ring: String) -> String { "{\"type\":\"Polygon\",\"coordinates\":[\(ring)]}" }

@Suite("Feature limits: the readers stop before allocating what a hostile file asks")
struct FeatureLimitsTests {
    @Test("a string longer than FeatureLimits.tokenBytes stops the scanner at its opening quote")
    func longString() throws {
        let e = try #require(try readError(feature(properties: "{\"name\":\"@\"}"), filling: UInt8(ascii: "x"),
                                           count: FeatureLimits.tokenBytes + 10))
        #expect(e.reason == .tokenTooLong(limit: FeatureLimits.tokenBytes))
        #expect(e.line == 2 && e.column == 49 && e.featureIndex == 0 && e.featureID == "A")
    }

    @Test("a number longer than FeatureLimits.tokenBytes is refused too")
    func longNumber() throws {
        let e = try #require(try readError(feature(properties: "{\"n\":@}"), filling: UInt8(ascii: "1"),
                                           count: FeatureLimits.tokenBytes + 10))
        #expect(e.reason == .tokenTooLong(limit: FeatureLimits.tokenBytes))
    }

    @Test("a million small values in properties cost more than FeatureLimits.recordBytes")
    func manyValues() throws {
        let n = FeatureLimits.recordBytes / JSONScanner.valueCost + 10
        let array = "[" + String(repeating: "0,", count: n) + "0]"
        let e = try #require(try readError(feature(properties: "{\"a\":\(array)}")))
        #expect(e.reason == .valueTooLarge(limit: FeatureLimits.recordBytes))
        #expect(e.line == 2 && e.column == 41)  // the properties object
    }

    @Test("1e309 in properties overflows a double and is refused; 1e308 is kept as written")
    func overflow() throws {
        let e = try #require(try readError(feature(properties: #"{"area":1e309}"#)))
        #expect(e.reason == .numberOutOfRange("1e309") && e.line == 2)
        #expect(e.description.contains("1e309") && e.description.contains("not a finite"))
        #expect(try readError(feature(properties: #"{"area":1e308,"tiny":1e-400}"#)) == nil)
    }

    @Test("100,000 nested arrays in coordinates or properties are refused, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let coordinates = try #require(try readError(feature(geometry: "{\"type\":\"Polygon\",\"coordinates\":\(deep)}")))
        #expect(coordinates.reason == .nestingTooDeep(limit: FeatureLimits.nestingDepth))
        let objects = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        let properties = try #require(try readError(feature(properties: objects)))
        #expect(properties.reason == .nestingTooDeep(limit: FeatureLimits.nestingDepth))
        let foreign = try #require(try readError(feature(id: deep)))
        #expect(foreign.reason == .nestingTooDeep(limit: FeatureLimits.nestingDepth))
    }

    @Test("a polygon of more than FeatureLimits.polygonRings rings, or a multipolygon of more parts, is refused at its place")
    func ringsAndParts() throws {
        let ring = "[[0,0],[1,0],[1,1],[0,0]]"
        let rings = "[" + Array(repeating: ring, count: FeatureLimits.polygonRings + 1).joined(separator: ",") + "]"
        let e = try #require(try readError(feature(geometry: "{\"type\":\"Polygon\",\"coordinates\":\(rings)}")))
        #expect(e.geometryError == GeometryError(.tooLarge(what: "rings in a polygon", limit: FeatureLimits.polygonRings)))
        #expect(e.description.contains("more than 10000 rings in a polygon") && e.line == 2 && e.column == 87)
        let parts = "[" + Array(repeating: "[\(ring)]", count: FeatureLimits.multiPolygonParts + 1).joined(separator: ",") + "]"
        let m = try #require(try readError(feature(geometry: "{\"type\":\"MultiPolygon\",\"coordinates\":\(parts)}")))
        #expect(m.geometryError == GeometryError(.tooLarge(what: "polygons in a multipolygon", limit: FeatureLimits.multiPolygonParts)))
    }

    @Test("WKB counts past the limits are refused before anything is allocated")
    func wkbCounts() {
        func u32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
        let rings = [1] + u32(3) + u32(UInt32(FeatureLimits.polygonRings + 1))
        #expect(throws: GeometryError(.tooLarge(what: "rings in a polygon", limit: FeatureLimits.polygonRings))) { try WKB.read(rings) }
        let points = [1] + u32(3) + u32(1) + u32(UInt32.max)
        #expect(throws: GeometryError(.tooLarge(what: "points in a ring", limit: FeatureLimits.ringPoints), ring: 0)) { try WKB.read(points) }
        let parts = [1] + u32(6) + u32(UInt32(FeatureLimits.multiPolygonParts + 1))
        #expect(throws: GeometryError(.tooLarge(what: "polygons in a multipolygon", limit: FeatureLimits.multiPolygonParts))) { try WKB.read(parts) }
    }

    @Test("a WKT multipolygon past the limit is refused with its place in the text")
    func wktParts() {
        let text = "MULTIPOLYGON (" + Array(repeating: "((0 0, 1 0, 1 1, 0 0))", count: FeatureLimits.multiPolygonParts + 1)
            .joined(separator: ", ") + ")"
        #expect { try WKT.parse(text) } throws: { e in
            guard let e = e as? WKTError, case .geometry(let g) = e.reason else { return false }
            return g.kind == .tooLarge(what: "polygons in a multipolygon", limit: FeatureLimits.multiPolygonParts) && e.offset > 200_000
        }
    }

    @Test("a CSV cell past the field limit, or a line of too many commas, stops the reader")
    func csv() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The limits of FeatureLimits, scaled down so that a debug build reads the file in milliseconds.
        let cell = dir.appendingPathComponent("cell.csv")
        try ("id,wkt\nA,\"" + String(repeating: "x", count: 1001) + "\"\nB,x\n").write(to: cell, atomically: false, encoding: .utf8)
        let reader = try CSVReader(path: cell.path)
        reader.fieldLimit = 1000
        #expect(throws: CSVError(file: cell.path, line: 2, .fieldTooLong(limit: 1000))) { try reader.next() }
        #expect(throws: CSVError.self) { try reader.next() }  // and stays stopped
        let commas = dir.appendingPathComponent("commas.csv")
        try ("id,wkt\n" + String(repeating: ",", count: 1000) + "\n").write(to: commas, atomically: false, encoding: .utf8)
        let r2 = try CSVReader(path: commas.path)
        r2.recordLimit = 10_000
        #expect(throws: CSVError(file: commas.path, line: 2, .recordTooLarge(limit: 10_000))) { try r2.next() }
        #expect(CSVReader.fieldCost == 16 && FeatureLimits.recordBytes / CSVReader.fieldCost == 2 << 20)
    }

    @Test("text from a file is printed escaped and cut short: no raw NUL, no 200 MB line")
    func displayText() {
        #expect(DisplayText.quoted("NUL\u{0}ID") == #""NUL\u0000ID""#)
        #expect(DisplayText.quoted("a\nb\u{1B}[31m") == #""a\nb\u001b[31m""#)
        #expect(DisplayText.quoted("新余") == "\"新余\"")
        let long = DisplayText.quoted(String(repeating: "x", count: 1000), limit: 5)
        #expect(long == "\"xxxxx…\" (1000 characters)")
        #expect(DisplayText.firstControlCharacter("ok") == nil && DisplayText.firstControlCharacter("a\u{7F}") == "\\u007f")
    }
}

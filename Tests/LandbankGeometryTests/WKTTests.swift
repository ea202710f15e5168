#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import LandbankGeometry

private func ring(_ coordinates: [(Double, Double)]) throws -> Ring {
    try Ring(coordinates.map { Point(x: $0.0, y: $0.1) })
}

private let square = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"

private func parseError(_ text: String) -> WKTError? {
    #expect(throws: WKTError.self) { try WKT.parse(text) }
}

@Test("a polygon with a hole reads into rings and writes back to the same text")
func polygonWithHoleRoundTrip() throws {
    let text = "POLYGON ((500000 3400000, 500100 3400000, 500100 3400100, 500000 3400000), "
        + "(500010.5 3400010.25, 500020 3400010.25, 500020 3400020, 500010.5 3400010.25))"
    let parsed = try WKT.parse(text)
    let expected = Polygon(
        exterior: try ring([(500000, 3400000), (500100, 3400000), (500100, 3400100), (500000, 3400000)]),
        holes: [try ring([(500010.5, 3400010.25), (500020, 3400010.25), (500020, 3400020), (500010.5, 3400010.25)])])
    #expect(parsed == WKTGeometry(geometry: .polygon(expected), srid: nil))
    #expect(WKT.write(parsed.geometry) == text)
}

@Test("a multipolygon keeps its polygons and holes in order; keywords and spacing are free")
func multiPolygon() throws {
    let text = "multipolygon(((0 0,4 0,4 4,0 0)),\n\t( (10 10, 20 10, 20 20, 10 10) ,(12 11,13 11,13 12,12 11) ))"
    let parsed = try WKT.parse(text)
    guard case .multiPolygon(let multi) = parsed.geometry else {
        Issue.record("expected a multipolygon, got \(parsed.geometry)")
        return
    }
    #expect(multi.polygons.count == 2)
    #expect(multi.polygons[0].holes.isEmpty)
    #expect(multi.polygons[1].holes.count == 1)
    #expect(multi.polygons[1].holes[0].points[0] == Point(x: 12, y: 11))
    #expect(WKT.write(parsed.geometry) == "MULTIPOLYGON (((0 0, 4 0, 4 4, 0 0)), "
        + "((10 10, 20 10, 20 20, 10 10), (12 11, 13 11, 13 12, 12 11)))")
    #expect(try WKT.parse(WKT.write(parsed.geometry)) == parsed)
}

@Test("Z, M and ZM ordinates are read and dropped; a tag fixes how many there must be")
func extraOrdinates() throws {
    let flat = try WKT.parse(square).geometry
    #expect(try WKT.parse("POLYGON Z ((0 0 5, 10 0 5, 10 10 6, 0 10 7, 0 0 5))").geometry == flat)
    #expect(try WKT.parse("POLYGON M ((0 0 1, 10 0 2, 10 10 3, 0 10 4, 0 0 1))").geometry == flat)
    #expect(try WKT.parse("polygon zm ((0 0 5 1, 10 0 5 2, 10 10 6 3, 0 10 7 4, 0 0 5 1))").geometry == flat)
    #expect(try WKT.parse("POLYGONZ ((0 0 5, 10 0 5, 10 10 6, 0 10 7, 0 0 5))").geometry == flat)
    #expect(try WKT.parse("POLYGON ((0 0 5, 10 0 5, 10 10 6, 0 10 7, 0 0 5))").geometry == flat)
    // With a Z tag, a coordinate of two numbers is missing its third.
    let e = parseError("POLYGON Z ((0 0, 10 0 5, 10 10 6, 0 10 7, 0 0 5))")
    #expect(e == WKTError(offset: 15, .expectedNumber(found: ",")))
}

@Test("an EWKT SRID prefix is returned beside the geometry and written back")
func sridPrefix() throws {
    let parsed = try WKT.parse("SRID=4547;" + square)
    #expect(parsed.srid == 4547)
    #expect(parsed.geometry == (try WKT.parse(square)).geometry)
    #expect(try WKT.parse(" srid = 4490 ; " + square).srid == 4490)
    #expect(try WKT.parse(square).srid == nil)
    #expect(WKT.write(parsed.geometry, srid: 4547) == "SRID=4547;" + square)
    #expect(parseError("SRID=abc;" + square) == WKTError(offset: 5, .unexpectedToken(expected: "an SRID number", found: "abc")))
}

@Test("a missing closing parenthesis names where the text ends and which parenthesis is open")
func missingParenthesis() {
    let e = parseError("POLYGON ((0 0, 10 0, 10 10, 0 0)")
    #expect(e == WKTError(offset: 32, .unterminated(openedAt: 8)))
    #expect(e?.description == "WKT at character 33: text ends before the '(' at character 9 is closed")
}

@Test("a stray token inside a ring is reported at its character with what was expected")
func unexpectedToken() {
    let e = parseError("POLYGON ((0 0, 1 0 x")
    #expect(e?.offset == 19)
    #expect(e?.description == "WKT at character 20: expected ',' or ')' but found 'x'")
    #expect(parseError("POLYGON ((0 0, 1.2.3 0, 1 1, 0 0))") == WKTError(offset: 15, .expectedNumber(found: "1.2.3")))
    #expect(parseError("POLYGON ((0 0, 1 0, 地块 1, 0 0))") == WKTError(offset: 20, .expectedNumber(found: "地")))
    #expect(parseError("POLYGON (0 0, 1 0, 1 1, 0 0)") == WKTError(offset: 9, .unexpectedToken(expected: "'('", found: "0")))
    #expect(parseError("") == WKTError(offset: 0, .unexpectedToken(expected: "POLYGON or MULTIPOLYGON", found: nil)))
}

@Test("text after the geometry is refused, offsets counting characters, not bytes")
func trailingText() {
    #expect(parseError(square + " foo") == WKTError(offset: 40, .trailingText("foo")))
    #expect(parseError(square + "地块") == WKTError(offset: 39, .trailingText("地块")))
    #expect(parseError("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0))))")?.reason == .trailingText(")"))
}

@Test("points, lines and collections are refused as the wrong geometry type, named as the standard spells them")
func wrongType() {
    #expect(parseError("POINT (1 2)") == WKTError(offset: 0, .geometry(GeometryError(.wrongGeometryType("Point")))))
    #expect(parseError("SRID=4547;  linestring (0 0, 1 1)")
        == WKTError(offset: 12, .geometry(GeometryError(.wrongGeometryType("LineString")))))
    #expect(parseError("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)))")?.reason
        == .geometry(GeometryError(.wrongGeometryType("GeometryCollection"))))
}

@Test("an empty polygon or multipolygon is refused as empty")
func empty() {
    #expect(parseError("POLYGON EMPTY") == WKTError(offset: 8, .geometry(GeometryError(.empty))))
    #expect(parseError("MULTIPOLYGON Z EMPTY") == WKTError(offset: 15, .geometry(GeometryError(.empty))))
}

@Test("an unclosed hole is named by its ring and polygon index and located at its parenthesis")
func unclosedRing() {
    let e = parseError("POLYGON ((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 2))")
    #expect(e == WKTError(offset: 34, .geometry(GeometryError(.unclosedRing, ring: 1))))
    #expect(e?.description == "WKT at character 35: ring is not closed (first and last points differ) (at interior ring 0)")
    let m = parseError("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6)))")
    #expect(m == WKTError(offset: 39, .geometry(GeometryError(.unclosedRing, polygon: 1, ring: 0))))
}

@Test("a ring of three points is too short")
func tooFewPoints() {
    #expect(parseError("POLYGON ((0 0, 1 0, 0 0))") == WKTError(offset: 9, .geometry(GeometryError(.tooFewPoints(count: 3), ring: 0))))
}

@Test("nan, inf and overflowing numbers are refused at the coordinate that holds them")
func nonFinite() {
    #expect(parseError("POLYGON ((0 0, 1 0, nan 1, 0 0))")
        == WKTError(offset: 20, .geometry(GeometryError(.nonFiniteCoordinate, ring: 0, coordinate: 2))))
    #expect(parseError("POLYGON ((0 0, 1 0, 1 1, 0 0), (0 0,\n 1e400 0, 1 1, 0 0))")
        == WKTError(offset: 38, .geometry(GeometryError(.nonFiniteCoordinate, ring: 1, coordinate: 1))))
}

@Test("numbers are converted bit for bit as C's strtod converts them, and shortest output reads back exactly")
func numbersMatchStrtod() throws {
    let literals = [
        "0.1", "-0.5", ".5", "1e3", "5.", "0.30000000000000004", "9007199254740993",
        "2.2250738585072011e-308", "4.9e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
        "7.2057594037927933e16", "3.14159265358979323846264338327950288", "39564275.000000000000000001",
        "500123.45678901234", "1E-5",
    ]
    for literal in literals {
        let text = "POLYGON ((\(literal) 0, 1 0, 1 1, \(literal) 0))"
        let parsed = try WKT.parse(text).geometry
        let x = parsed.asMultiPolygon.polygons[0].exterior.points[0].x
        #expect(x.bitPattern == strtod(literal, nil).bitPattern, "\(literal)")
        let again = try WKT.parse(WKT.write(parsed)).geometry
        #expect(again.asMultiPolygon.polygons[0].exterior.points[0].x.bitPattern == x.bitPattern, "\(literal)")
    }
}

@Test("fixed decimals round the exact binary value, as the GeoJSON writer does, and drop trailing zeros")
func fixedDecimals() {
    #expect(WKT.format(500000.12349, decimals: 3) == "500000.123")
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875 (Python's Decimal(2.675)).
    #expect(WKT.format(2.675, decimals: 2) == "2.67")
    #expect(WKT.format(1.5, decimals: 3) == "1.5")
    #expect(WKT.format(2, decimals: 3) == "2")
    #expect(WKT.format(-0.0001, decimals: 2) == "0")
    #expect(WKT.format(0.1, decimals: nil) == "0.1")
    #expect(WKT.format(3400000, decimals: nil) == "3400000")
}

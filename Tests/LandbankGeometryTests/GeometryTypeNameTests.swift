import Foundation
import Testing
@testable import LandbankGeometry

/// A WKB header of `type` in the given byte order, then `rest`.
private func wkb(_ type: UInt32, little: Bool = true, _ rest: [UInt32] = []) -> [UInt8] {
    var b: [UInt8] = [little ? 1 : 0]
    for v in [type] + rest { b += withUnsafeBytes(of: little ? v.littleEndian : v.bigEndian, Array.init) }
    return b
}

private func wkbTypeError(_ bytes: [UInt8]) -> String? {
    do { _ = try WKB.read(bytes); return nil } catch {
        if case .wrongGeometryType(let name) = error.kind { return name }
        return "\(error)"
    }
}

@Suite("Geometry types are named, not numbered")
struct GeometryTypeNameTests {
    @Test("WKB curve, surface and collection types name themselves with their dimensions")
    func wkbNames() {
        #expect(wkbTypeError(wkb(9)) == "CompoundCurve")
        #expect(wkbTypeError(wkb(8)) == "CircularString")
        #expect(wkbTypeError(wkb(1008)) == "CircularString Z")
        #expect(wkbTypeError(wkb(2010, little: false)) == "CurvePolygon M")
        #expect(wkbTypeError(wkb(3016)) == "TIN ZM")
        #expect(wkbTypeError(wkb(17)) == "Triangle")
        #expect(wkbTypeError(wkb(15)) == "PolyhedralSurface")
        #expect(wkbTypeError(wkb(11)) == "MultiCurve")
        #expect(wkbTypeError(wkb(12)) == "MultiSurface")
        #expect(wkbTypeError(wkb(13)) == "Curve" && wkbTypeError(wkb(14)) == "Surface")
        #expect(wkbTypeError(wkb(7)) == "GeometryCollection" && wkbTypeError(wkb(1)) == "Point")
        // EWKB (PostGIS): high-bit Z and M flags; an SRID flag with its SRID skipped.
        #expect(wkbTypeError(wkb(0x8000_0002)) == "LineString Z")
        #expect(wkbTypeError(wkb(0xC000_0001)) == "Point ZM")
        #expect(wkbTypeError(wkb(0x6000_0008, [4547])) == "CircularString M")
        #expect(wkbTypeError(wkb(99)) == "unknown WKB geometry type 99")
        // A part of a MultiPolygon that is a CurvePolygon names the part.
        #expect(wkbTypeError(wkb(6, [1]) + wkb(10)) == "CurvePolygon")
    }

    @Test("the message says the name: \"geometry type CircularString Z is not a Polygon or MultiPolygon\"")
    func message() throws {
        let e = #expect(throws: GeometryError.self) { try WKB.read(wkb(1008)) }
        #expect(e?.description == "geometry type CircularString Z is not a Polygon or MultiPolygon")
    }

    @Test("a byte that is no byte order is refused as not WKB rather than read as garbage")
    func notWKB() {
        #expect(wkbTypeError([0x47, 0x50, 0, 1, 0, 0, 0, 0, 0])?.contains("not WKB") == true)
    }

    @Test("WKT names other types as the standard spells them, with Z, M or ZM")
    func wktNames() {
        func name(_ text: String) -> String? {
            do { _ = try WKT.parse(text); return nil } catch {
                if case .geometry(let g) = error.reason, case .wrongGeometryType(let n) = g.kind { return n }
                return "\(error)"
            }
        }
        #expect(name("CIRCULARSTRING Z (0 0 0, 1 1 1, 2 0 0)") == "CircularString Z")
        #expect(name("curvepolygonzm ((0 0 0 0, 1 1 1 1))") == "CurvePolygon ZM")
        #expect(name("TIN (((0 0, 1 0, 0 1, 0 0)))") == "TIN")
        #expect(name("MultiSurface M EMPTY") == "MultiSurface M")
        #expect(name("TRIANGLE ((0 0, 1 0, 0 1, 0 0))") == "Triangle")
        #expect(name("BANANA (1 2)") == "BANANA")
    }

    @Test("GeoJSON names the type as written, and a lower-case polygon is told its proper spelling")
    func geoJSONNames() throws {
        func reason(_ geometry: String) throws -> GeoJSONReadError.Reason? {
            let path = try geoJSONFile(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":\#(geometry)}]}"#)
            do throws(GeoJSONReadError) { _ = try readAllFeatures(path); return nil } catch { return error.reason }
        }
        #expect(try reason(#"{"type":"CircularString","coordinates":[[0,0],[1,1],[2,0]]}"#) == .wrongGeometryType("CircularString"))
        #expect(try reason(#"{"type":"polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#)
            == .unexpectedType(found: "polygon", expected: "Polygon"))
    }
}

import Foundation
import Testing
@testable import LandbankGeometry

@Suite("WKB and GeoPackage binary")
struct BinaryCodecTests {
    let square = try! Polygon(rings: [
        [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10), Point(x: 0, y: 0)],
        [Point(x: 2, y: 2), Point(x: 2, y: 4), Point(x: 4, y: 4), Point(x: 4, y: 2), Point(x: 2, y: 2)],
    ])

    @Test("a multipolygon with a hole survives GeoPackage binary; the header carries srs and envelope")
    func roundTrip() throws {
        let other = try Polygon(rings: [[Point(x: 20, y: 0), Point(x: 30, y: 0), Point(x: 30, y: 5), Point(x: 20, y: 0)]])
        let g = Geometry.multiPolygon(try MultiPolygon([square, other]))
        let blob = GeoPackageBinary.encode(g, srsID: 4547, envelope: g.boundingBox)
        // "GP", version 0, flags: little endian + xy envelope; then srs 4547 little endian.
        #expect(Array(blob.prefix(8)) == [0x47, 0x50, 0, 0b11, 0xC3, 0x11, 0, 0])
        let decoded = try blob.withUnsafeBytes { try GeoPackageBinary.decode($0) }
        #expect(decoded.srsID == 4547 && decoded.geometry == g)
        let h = try blob.withUnsafeBytes { try GeoPackageBinary.header($0) }
        #expect(h.envelope == BoundingBox(minX: 0, minY: 0, maxX: 30, maxY: 10) && h.wkbOffset == 40)
    }

    @Test("big-endian WKB with Z values (as other tools write) reads as 2D")
    func bigEndianZ() throws {
        var b: [UInt8] = [0]                                         // big endian
        func u32(_ v: UInt32) { b += withUnsafeBytes(of: v.bigEndian, Array.init) }
        func f64(_ v: Double) { b += withUnsafeBytes(of: v.bitPattern.bigEndian, Array.init) }
        u32(1003); u32(1); u32(4)                                    // ISO Polygon Z, 1 ring, 4 points
        for (x, y) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)] { f64(x); f64(y); f64(99) }
        let g = try WKB.read(b)
        guard case .polygon(let p) = g else { Issue.record("\(g)"); return }
        #expect(p.exterior.points == [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0, y: 1), Point(x: 0, y: 0)])
    }

    @Test("truncated WKB and a LineString are refused with a reason")
    func refusals() throws {
        var blob: [UInt8] = []
        WKB.write(.polygon(square), into: &blob)
        #expect(throws: GeometryError.self) { try WKB.read(Array(blob.dropLast(3))) }
        let line: [UInt8] = [1, 2, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: GeometryError(.wrongGeometryType("LineString"))) { try WKB.read(line) }
    }
}

@Suite("GEOS validity")
struct ValidityTests {
    @Test("a valid polygon with a hole passes; overlapping multipolygon parts do not")
    func overlaps() throws {
        let geos = try GEOSContext()
        let a = try Polygon(rings: [[Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10), Point(x: 0, y: 0)],
                                    [Point(x: 2, y: 2), Point(x: 2, y: 4), Point(x: 4, y: 4), Point(x: 4, y: 2), Point(x: 2, y: 2)]])
        try geos.validate(.polygon(a))
        let b = try Polygon(rings: [[Point(x: 5, y: 5), Point(x: 15, y: 5), Point(x: 15, y: 15), Point(x: 5, y: 15), Point(x: 5, y: 5)]])
        #expect {
            try geos.validate(.multiPolygon(try MultiPolygon([a, b])))
        } throws: { e in
            guard let e = e as? GeometryError, case .invalid(let reason) = e.kind else { return false }
            return !reason.isEmpty && e.location != nil
        }
    }

    @Test("a bow-tie is a self-intersection located at its crossing")
    func bowTie() throws {
        let geos = try GEOSContext()
        let p = try Polygon(rings: [[Point(x: 0, y: 0), Point(x: 10, y: 10), Point(x: 10, y: 0), Point(x: 0, y: 10), Point(x: 0, y: 0)]])
        do {
            try geos.validate(.polygon(p))
            Issue.record("a bow-tie passed")
        } catch {
            #expect(error.kind == .invalid(reason: "Self-intersection"))
            #expect(error.location == Point(x: 5, y: 5))
        }
    }
}

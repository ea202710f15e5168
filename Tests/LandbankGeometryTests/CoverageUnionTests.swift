import Testing
@testable import LandbankGeometry

/// `GEOSContext.union(_:coverage:)`: GEOSCoverageUnion for parcels that form a coverage, and the same answer as
/// GEOSUnaryUnion when they do not (a vertex missing on a shared edge, an overlap).
@Suite("Coverage union")
struct CoverageUnionTests {
    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, extra: [Point] = []) throws -> Geometry {
        // Counter-clockwise; `extra` points are put on the bottom edge, in order.
        let pts = [Point(x: x, y: y)] + extra + [Point(x: x + w, y: y), Point(x: x + w, y: y + h), Point(x: x, y: y + h), Point(x: x, y: y)]
        return .polygon(Polygon(exterior: try Ring(pts)))
    }

    func expectSame(_ parts: [Geometry], _ label: String, coverage: Bool) throws -> UnionShape {
        let geos = try GEOSContext()
        let plain = try geos.union(parts)
        let covered = try geos.union(parts, coverage: true)
        #expect(covered.byCoverage == coverage, "\(label): made by GEOSCoverageUnion")
        #expect(!plain.byCoverage)
        #expect(abs(covered.area - plain.area) < 1e-6, "\(label)")
        #expect(abs(covered.perimeter - plain.perimeter) < 1e-6, "\(label)")
        #expect(covered.geometry.polygons.count == plain.geometry.polygons.count, "\(label)")
        #expect(covered.geometry.polygons.map(\.holes.count) == plain.geometry.polygons.map(\.holes.count), "\(label)")
        return covered
    }

    @Test("a 4 × 3 grid of touching parcels and a parcel 3 m apart: two polygons, the grid's outline")
    func grid() throws {
        var parts: [Geometry] = []
        for i in 0..<4 { for j in 0..<3 { parts.append(try Self.rect(Double(i) * 100, Double(j) * 80, 100, 80)) } }
        parts.append(try Self.rect(403, 0, 50, 80))
        let u = try expectSame(parts, "grid", coverage: true)
        #expect(u.geometry.polygons.count == 2)
        #expect(abs(u.perimeter - (2 * (400 + 240) + 2 * (50 + 80))) < 1e-9)
    }

    @Test("a ring of parcels around a courtyard keeps the hole")
    func courtyard() throws {
        var parts: [Geometry] = []
        for i in 0..<3 { for j in 0..<3 where !(i == 1 && j == 1) { parts.append(try Self.rect(Double(i) * 50, Double(j) * 50, 50, 50)) } }
        let u = try expectSame(parts, "courtyard", coverage: true)
        #expect(u.geometry.polygons.map(\.holes.count) == [1])
    }

    @Test("a neighbour's vertex missing on the shared edge (a T-junction) and an overlap: the unary union's answer")
    func notACoverage() throws {
        // Two parcels on top of one long one: the long one's edge lacks the vertex at x = 50.
        let t = [try Self.rect(0, 0, 100, 50), try Self.rect(0, 50, 50, 50), try Self.rect(50, 50, 50, 50)]
        let u = try expectSame(t, "T-junction", coverage: false)
        #expect(u.geometry.polygons.count == 1)
        #expect(abs(u.area - 10_000) < 1e-9)
        let overlap = [try Self.rect(0, 0, 100, 100), try Self.rect(90, 0, 100, 100)]
        let o = try expectSame(overlap, "overlap", coverage: false)
        #expect(abs(o.area - 19_000) < 1e-9)
    }
}

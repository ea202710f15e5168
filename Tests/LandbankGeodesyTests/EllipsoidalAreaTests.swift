import LandbankGeometry
import Testing
@testable import LandbankGeodesy

/// A 0.001° × 0.001° cell at Xinyu (27.8°N, 114.9°E), lon/lat.
let xinyuCell: [Point] = [
    Point(x: 114.900, y: 27.800), Point(x: 114.901, y: 27.800), Point(x: 114.901, y: 27.801),
    Point(x: 114.900, y: 27.801), Point(x: 114.900, y: 27.800),
]

@Suite("Ellipsoidal area (Karney, geodesic.h)")
struct EllipsoidalAreaTests {
    @Test("a 0.001° cell at Xinyu on CGCS2000 agrees with GeographicLib to 1e-9")
    func cellAtXinyu() throws {
        // Reference: geographiclib 2.1 (Python), Geodesic(6378137, 1/298.257222101).Polygon() with the four
        // corners added as (lat, lon), Compute(False, True) → area 10920.101132571697 m².
        let area = EllipsoidalArea(.cgcs2000).area(of: try Ring(xinyuCell))
        #expect(abs(area - 10920.101132571697) / 10920.101132571697 < 1e-9)
    }

    @Test("winding does not change the area; a hole is subtracted")
    func holesAndWinding() throws {
        let e = EllipsoidalArea(.cgcs2000)
        let outer = try Ring(xinyuCell)
        #expect(e.area(of: outer) == e.area(of: outer.reversed()))
        // Hole: the south-west quarter of the cell.
        let hole = try Ring([Point(x: 114.900, y: 27.800), Point(x: 114.9005, y: 27.800), Point(x: 114.9005, y: 27.8005),
                             Point(x: 114.900, y: 27.8005), Point(x: 114.900, y: 27.800)])
        let p = Polygon(exterior: outer, holes: [hole])
        #expect(abs(e.area(of: p) - (e.area(of: outer) - e.area(of: hole))) < 1e-9)
        #expect(e.area(of: p) < e.area(of: outer) * 0.76 && e.area(of: p) > e.area(of: outer) * 0.74)
    }

    @Test("a 1° × 1° cell on WGS 84 agrees with GeographicLib")
    func degreeCell() throws {
        // Reference: geographiclib 2.1, Geodesic.WGS84 polygon (0,0),(0,1),(1,1),(1,0) → 12308778361.469452 m².
        let r = try Ring([Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1), Point(x: 0, y: 0)])
        let a = EllipsoidalArea(.wgs84).area(of: r)
        #expect(abs(a - 12308778361.469452) / a < 1e-9)
    }
}

@Suite("Planar area and units")
struct PlanarAreaTests {
    @Test("shoelace on a 100 m × 60 m parcel with a 10 m × 10 m hole, at Gauss-Kruger eastings")
    func rectangleWithHole() throws {
        // Hand calculation: 100 × 60 − 10 × 10 = 5900 m² = 5900 × 15 / 10000 = 8.85 mu.
        let x = 588_690.0, y = 3_076_603.0
        let outer = try Ring([Point(x: x, y: y), Point(x: x + 100, y: y), Point(x: x + 100, y: y + 60),
                              Point(x: x, y: y + 60), Point(x: x, y: y)])
        let hole = try Ring([Point(x: x + 10, y: y + 10), Point(x: x + 10, y: y + 20), Point(x: x + 20, y: y + 20),
                             Point(x: x + 20, y: y + 10), Point(x: x + 10, y: y + 10)])
        let a = PlanarArea.area(of: Polygon(exterior: outer, holes: [hole]))
        #expect(a == 5900)
        #expect(AreaUnit.mu.fromSquareMetres(a) == 8.85)
    }

    @Test("1 mu is 10000/15 m², 1 ha is 15 mu")
    func units() {
        #expect(AreaUnit.mu.fromSquareMetres(10000) == 15)
        #expect(abs(AreaUnit.mu.squareMetres - 666.6666666666666) < 1e-12)
        #expect(AreaUnit.hectare.fromSquareMetres(1_500_000) == 150)
    }

    @Test("compensated sum keeps a million small areas exact where naive summing drifts")
    func compensated() {
        var s = CompensatedSum()
        var naive = 0.0
        s.add(1e9)
        naive += 1e9
        for _ in 0..<1_000_000 { s.add(0.1); naive += 0.1 }
        #expect(abs(s.value - 1_000_100_000) < 1e-6)
        #expect(abs(naive - 1_000_100_000) > 1e-6)
    }
}

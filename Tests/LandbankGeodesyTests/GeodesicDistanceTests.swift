import LandbankGeometry
import Testing
@testable import LandbankGeodesy

@Suite("Geodesic distance (Karney, geodesic.h)")
struct GeodesicDistanceTests {
    @Test("Xinyu to a point 24 km north-east on CGCS2000 agrees with pyproj to 1 µm")
    func xinyuNorthEast() {
        // Reference: pyproj 3.7.2, Geod(a=6378137, rf=298.257222101).inv(114.93, 27.80, 115.10, 27.95)
        // → 23591.61956195538 m (azimuth 45.16320225804711°).
        let d = GeodesicDistance(.cgcs2000).metres(from: Point(x: 114.93, y: 27.80), to: Point(x: 115.10, y: 27.95))
        #expect(abs(d - 23591.61956195538) < 1e-6)
    }

    @Test("0.00001° of longitude at 27.8°N is 0.985 m; a point to itself is 0")
    func short() {
        // Reference: pyproj 3.7.2, Geod(a=6378137, rf=298.257222101).inv(114.93, 27.80, 114.93001, 27.80)
        // → 0.9854287577272821 m.
        let g = GeodesicDistance(.cgcs2000)
        #expect(abs(g.metres(from: Point(x: 114.93, y: 27.80), to: Point(x: 114.93001, y: 27.80)) - 0.9854287577272821) < 1e-9)
        #expect(g.metres(from: Point(x: 114.93, y: 27.80), to: Point(x: 114.93, y: 27.80)) == 0)
    }

    @Test("20 km north-east of Xinyu lands where pyproj's fwd says, and measures back as 20 km")
    func direct() {
        // Reference: pyproj 3.7.2, Geod(a=6378137, rf=298.257222101).fwd(114.93, 27.80, 45.0, 20000.0)
        // → (115.07368052836249, 27.927541993457183).
        let g = GeodesicDistance(.cgcs2000)
        let p = g.destination(from: Point(x: 114.93, y: 27.80), azimuth: 45, metres: 20_000)
        #expect(abs(p.x - 115.07368052836249) < 1e-12 && abs(p.y - 27.927541993457183) < 1e-12)
        #expect(abs(g.metres(from: Point(x: 114.93, y: 27.80), to: p) - 20_000) < 1e-6)
    }
}

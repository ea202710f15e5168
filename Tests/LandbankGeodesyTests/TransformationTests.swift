import LandbankGeometry
import Testing
@testable import LandbankGeodesy

@Suite("PROJ transformations and CRSs")
struct TransformationTests {
    @Test("CGCS2000 lon/lat → EPSG:4547 agrees with pyproj")
    func toGaussKruger() throws {
        // Reference: pyproj 3.7.2 Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)
        //   .transform(114.9, 27.8) → (588690.6638768014, 3076603.069687099)
        //   .transform(114.901, 27.801) → (588788.4008004309, 3076714.616161451)
        let ctx = try ProjContext()
        let t = try Transformation(from: try CoordinateReferenceSystem("EPSG:4490", context: ctx),
                                   to: try CoordinateReferenceSystem("EPSG:4547", context: ctx))
        var pts = [Point(x: 114.9, y: 27.8), Point(x: 114.901, y: 27.801)]
        try t.transform(&pts)
        #expect(abs(pts[0].x - 588690.6638768014) < 1e-6 && abs(pts[0].y - 3076603.069687099) < 1e-6)
        #expect(abs(pts[1].x - 588788.4008004309) < 1e-6 && abs(pts[1].y - 3076714.616161451) < 1e-6)
    }

    @Test("EPSG:4547 is projected on the CGCS2000 ellipsoid, with an area of use around 114°E")
    func crsFacts() throws {
        let ctx = try ProjContext()
        let crs = try CoordinateReferenceSystem("EPSG:4547", context: ctx)
        #expect(crs.kind == .projected)
        #expect(crs.identifier == "EPSG:4547")
        let e = try crs.ellipsoid()
        #expect(e.semiMajorAxis == 6378137 && abs(e.inverseFlattening - 298.257222101) < 1e-9)
        let a = try #require(crs.areaOfUse)
        #expect(a.west == 112.5 && a.east == 115.5 && !a.crossesAntimeridian)
        #expect(try crs.geodeticCRS().identifier == "EPSG:4490")
        #expect(try crs.wkt1().hasPrefix("PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\""))
    }

    @Test("an unknown EPSG code is refused with PROJ's message")
    func unknownCRS() throws {
        let ctx = try ProjContext()
        #expect(throws: ProjError.self) { try CoordinateReferenceSystem("EPSG:999999", context: ctx) }
        do {
            _ = try CoordinateReferenceSystem("EPSG:999999", context: ctx)
        } catch {
            #expect(error.message.contains("EPSG:999999"))
        }
    }

    @Test("a latitude beyond 90° cannot be transformed and the error names the coordinate")
    func swapped() throws {
        let ctx = try ProjContext()
        let t = try Transformation(from: try CoordinateReferenceSystem("EPSG:4326", context: ctx),
                                   to: try CoordinateReferenceSystem("EPSG:4547", context: ctx))
        var pts = [Point(x: 114.9, y: 27.8), Point(x: 27.8, y: 114.9)]
        #expect(throws: TransformError(index: 1, from: "EPSG:4326", to: "EPSG:4547")) { try t.transform(&pts) }
    }
}

@Suite("GCJ-02")
struct GCJ02Tests {
    @Test("the inverse lands within a millimetre of the original WGS84 point")
    func roundTrip() {
        for lon in stride(from: 113.0, through: 117.0, by: 0.7) {
            for lat in stride(from: 26.0, through: 30.0, by: 0.7) {
                let w = Point(x: lon, y: lat)
                let g = GCJ02.fromWGS84(w)
                // The offset is real: hundreds of metres (> 1e-4°).
                #expect(abs(g.x - w.x) + abs(g.y - w.y) > 1e-4)
                let back = GCJ02.toWGS84(g)
                #expect(abs(back.x - w.x) < 1e-8 && abs(back.y - w.y) < 1e-8) // 1e-8° ≈ 1 mm
            }
        }
    }

    @Test("outside China the offset is zero")
    func outside() {
        let p = Point(x: 2.35, y: 48.85)
        #expect(GCJ02.fromWGS84(p) == p && GCJ02.toWGS84(p) == p)
    }
}

@Test("a bare number is read as an EPSG code")
func bareEPSG() throws {
    let crs = try CoordinateReferenceSystem("4547", context: try ProjContext())
    #expect(crs.identifier == "EPSG:4547")
}

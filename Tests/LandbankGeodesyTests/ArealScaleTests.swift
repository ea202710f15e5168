import LandbankGeometry
import Testing
@testable import LandbankGeodesy

@Suite("CRS units and areal scale")
struct ArealScaleTests {
    /// A 100 ft square in Manhattan, EPSG:2263 (NAD83 / New York Long Island, US survey feet).
    static let manhattanSquare: [Point] = [
        Point(x: 988000, y: 200000), Point(x: 988100, y: 200000), Point(x: 988100, y: 200100),
        Point(x: 988000, y: 200100), Point(x: 988000, y: 200000),
    ]

    func scale(_ code: String, lon: Double, lat: Double) throws -> Double {
        let ctx = try ProjContext()
        let crs = try CoordinateReferenceSystem(code, context: ctx)
        let geodetic = try crs.geodeticCRS()
        let s = try ArealScale(fromGeographic: try Transformation(from: geodetic, to: crs), ellipsoid: try crs.ellipsoid())
        return try #require(s.at(lon: lon, lat: lat))
    }

    @Test("EPSG:2263 is in US survey feet, EPSG:4547 in metres, EPSG:4490 has no linear unit")
    func units() throws {
        // Reference: pyproj 3.7.2, CRS.from_epsg(2263).axis_info[0]: unit_name 'US survey foot',
        // unit_conversion_factor 0.30480060960121924 (= 1200/3937).
        let ctx = try ProjContext()
        let feet = try CoordinateReferenceSystem("EPSG:2263", context: ctx)
        #expect(feet.linearUnit?.name == "US survey foot")
        #expect(feet.metresPerUnit == 0.30480060960121924)
        #expect(try CoordinateReferenceSystem("EPSG:4547", context: ctx).metresPerUnit == 1)
        #expect(try CoordinateReferenceSystem("EPSG:4490", context: ctx).metresPerUnit == nil)
    }

    @Test("a 100 ft square in EPSG:2263 measures 929.034 m², not 10,000")
    func feetToSquareMetres() throws {
        // Reference: shapely 2.2 Polygon(square).area = 10000 ft², × 0.30480060960121924² (pyproj's factor)
        // = 929.0341161327486 m².
        let ctx = try ProjContext()
        let m = try #require(try CoordinateReferenceSystem("EPSG:2263", context: ctx).metresPerUnit)
        let square = Geometry.polygon(try Polygon(rings: [Self.manhattanSquare]))
        #expect(abs(PlanarArea.squareMetres(of: square, metresPerUnit: m) - 929.0341161327486) < 1e-9)
        #expect(PlanarArea.squareMetres(of: square, metresPerUnit: 1) == 10000)
    }

    @Test("the areal scale agrees with pyproj's get_factors", arguments: [
        // Reference: pyproj 3.7.2 (PROJ 9.5.1), Proj(CRS.from_epsg(code)).get_factors(lon, lat).areal_scale.
        ("EPSG:3832", 150.0, -5.0, 1.0076030256968957),
        ("EPSG:4547", 114.9, 27.8, 1.0001941098179326),
        ("EPSG:3460", 178.44, -18.14, 0.9997266120245298),
        ("EPSG:2263", -73.98647263351127, 40.71562970330491, 0.9999952828652531),
    ])
    func againstPyproj(code: String, lon: Double, lat: Double, expected: Double) throws {
        #expect(abs(try scale(code, lon: lon, lat: lat) - expected) < 1e-8)
    }

    @Test("EPSG:3857 projects the WGS 84 ellipsoid's lon/lat as if on a sphere: its areal scale is not sec²φ")
    func webMercator() throws {
        // Reference: pyproj 3.7.2, a 0.0002° cell centred on (179.9, -16.8): shapely area of its EPSG:3857
        // projection ÷ Geod(ellps="WGS84").polygon_area_perimeter = 1.097279863873438. (get_factors says
        // 1.0911543582072367: it measures EPSG:3857 against a sphere, not the ellipsoid the areas are on.)
        #expect(abs(try scale("EPSG:3857", lon: 179.9, lat: -16.8) - 1.097279863873438) < 1e-7)
    }
}

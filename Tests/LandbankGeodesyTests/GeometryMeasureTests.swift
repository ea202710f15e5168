import LandbankGeometry
import Testing
@testable import LandbankGeodesy

func polygon(_ points: [(Double, Double)]) throws -> Geometry {
    .polygon(try Polygon(rings: [points.map { Point(x: $0.0, y: $0.1) }]))
}

@Suite("Areas of use across 180°")
struct AreaOfUseTests {
    @Test("EPSG:3460 (Fiji) and EPSG:3832 (PDC Mercator) cross 180° and hold their own places")
    func wrapped() throws {
        // Reference: pyproj 3.7.2 CRS.from_epsg(3460).area_of_use = (176.81, -20.81, -178.15, -12.42);
        // CRS.from_epsg(3832).area_of_use = (98.69, -60.0, -68.0, 66.67).
        let ctx = try ProjContext()
        let fiji = try #require(try CoordinateReferenceSystem("EPSG:3460", context: ctx).areaOfUse)
        #expect(fiji.west == 176.81 && fiji.east == -178.15 && fiji.crossesAntimeridian)
        #expect(fiji.contains(lon: 178.44, lat: -18.14, margin: 1))      // Suva
        #expect(fiji.contains(lon: -179.99, lat: -16.8, margin: 1))      // Taveuni, east of 180°
        #expect(fiji.contains(lon: 180.01, lat: -16.8, margin: 1))       // the same written past 180°
        #expect(fiji.contains(lon: -177.5, lat: -18, margin: 1))         // within the margin
        #expect(!fiji.contains(lon: 170.8, lat: -17.8, margin: 1))
        #expect(!fiji.contains(lon: -170, lat: -17.8, margin: 1))
        #expect(!fiji.contains(lon: 178.44, lat: -25, margin: 1))
        let pacific = try #require(try CoordinateReferenceSystem("EPSG:3832", context: ctx).areaOfUse)
        #expect(pacific.contains(lon: 150, lat: -5, margin: 1))          // its central meridian
        #expect(pacific.contains(lon: -150, lat: 20, margin: 1))
        #expect(!pacific.contains(lon: -30, lat: 0, margin: 1))
        #expect(!pacific.contains(lon: 90, lat: 0, margin: 1))
    }

    @Test("an area of use that does not cross 180° is compared as before")
    func plain() throws {
        let ctx = try ProjContext()
        let gk = try #require(try CoordinateReferenceSystem("EPSG:4547", context: ctx).areaOfUse)
        #expect(gk.contains(lon: 116.4, lat: 27.8, margin: 1) && !gk.contains(lon: 116.6, lat: 27.8, margin: 1))
        #expect(!gk.contains(lon: 114.9 + 360, lat: 27.8, margin: 1))
    }

    @Test("the summary of an area of use is one short line, even for EPSG:2284's 896-character name")
    func shortSummary() throws {
        let ctx = try ProjContext()
        let area = try #require(try CoordinateReferenceSystem("EPSG:2284", context: ctx).areaOfUse)
        #expect((area.name?.count ?? 0) > 800)
        #expect(area.summary == "lon -83.68…-75.31, lat 36.54…38.28, United States (USA) - Virginia…")
        let fiji = try #require(try CoordinateReferenceSystem("EPSG:3460", context: ctx).areaOfUse)
        #expect(fiji.summary.hasPrefix("lon 176.81…-178.15 (across 180°), lat -20.81…-12.42, Fiji"))
        #expect(fiji.summary.count < 100)
    }
}

@Suite("What a CRS can hold and measure")
struct GeometryMeasureTests {
    func measure(_ code: String) throws -> GeometryMeasure {
        try GeometryMeasure(crs: try CoordinateReferenceSystem(code, context: try ProjContext()))
    }

    @Test("a 100 ft square in EPSG:2263: both areas in m², agreeing as the projection allows")
    func feet() throws {
        // Reference: pyproj 3.7.2: EPSG:2263 → EPSG:4269 (its geodetic CRS), Geod(GRS 1980)
        // .polygon_area_perimeter → 929.0385089187839 m²; planar 929.0341161327486 m² (shoelace × factor²).
        let m = try measure("EPSG:2263")
        let square = Geometry.polygon(try Polygon(rings: [ArealScaleTests.manhattanSquare]))
        let a = try m.areas(of: square)
        #expect(abs(try #require(a.cadastral) - 929.0341161327486) < 1e-6)
        #expect(abs(a.ellipsoidal - 929.0385089187839) < 1e-6)
        #expect(m.problem(of: square, cadastralM2: a.cadastral, ellipsoidalM2: a.ellipsoidal) == nil)
        // What landbank stored before: the shoelace in ft² labelled m².
        let old = try #require(m.problem(of: square, cadastralM2: 10000, ellipsoidalM2: 929.0385089187839))
        #expect(old.contains("10.7638 times the ellipsoidal"), "\(old)")
    }

    @Test("a parcel across 180° in EPSG:3460 (Taveuni) is measured as the continuous parcel it is")
    func taveuni() throws {
        // Reference: pyproj 3.7.2: EPSG:3460 → EPSG:4720 gives lon 179.999 → -179.999 at 16.8°S;
        // Geod(WGS 72).polygon_area_perimeter → 21318.038694183808 m²; shapely planar area 21320.999999996275 m².
        let m = try measure("EPSG:3460")
        let parcel = try polygon([(2133129.89, 4021710.86), (2133343.10, 4021709.51), (2133343.10, 4021809.51),
                                  (2133129.89, 4021810.86), (2133129.89, 4021710.86)])
        let lonLat = try m.geographic(of: parcel)
        #expect(Antimeridian.firstCrossing(in: lonLat) != nil)
        let a = m.areas(of: parcel, geographic: lonLat)
        #expect(abs(try #require(a.cadastral) - 21320.999999996275) < 1e-6)
        #expect(abs(a.ellipsoidal - 21318.038694183808) < 1e-6)
        #expect(throws: Never.self) { try m.checkAntimeridian(parcel, geographic: lonLat, areas: a) }
        #expect(throws: Never.self) { try m.checkRoundTrip(parcel, geographic: lonLat) }
    }

    @Test("a parcel across 180° in EPSG:3857 runs the long way round and is refused, with both areas")
    func webMercatorCrossing() throws {
        // Reference: pyproj 3.7.2, EPSG:4326 → EPSG:3857 of (±179.9, -16.8): x = ±20026376.393709917,
        // y = -1897556.232409338.
        let m = try measure("EPSG:3857")
        let parcel = try polygon([(20026376.39, -1897556.23), (-20026376.39, -1897556.23), (-20026376.39, -1887556.23),
                                  (20026376.39, -1887556.23), (20026376.39, -1897556.23)])
        let lonLat = try m.geographic(of: parcel)
        let a = m.areas(of: parcel, geographic: lonLat)
        #expect(throws: MeasureError.self) { try m.checkAntimeridian(parcel, geographic: lonLat, areas: a) }
        do { try m.checkAntimeridian(parcel, geographic: lonLat, areas: a) } catch {
            guard case .crossesAntimeridian(let from, let to, .areas(let cad, let ell)) = error.kind else {
                Issue.record("\(error)"); return
            }
            #expect(abs(from - 179.9) < 1e-6 && abs(to + 179.9) < 1e-6 && cad > 1000 * ell)
            #expect(error.description.contains("split it at 180°"))
        }
    }

    @Test("an easting of 1e15 m is beyond any CRS; a latitude of 114.9° too")
    func physicalBounds() throws {
        let ctx = try ProjContext()
        let gk = try CoordinateReferenceSystem("EPSG:4547", context: ctx)
        let far = try polygon([(5e5, 3e6), (1e15, 3e6), (1e15, 3.0001e6), (5e5, 3e6)])
        let e = try #require(PhysicalBounds.firstViolation(in: far, crs: gk))
        #expect(e.ring == 0 && e.coordinate == 1 && e.description.contains("1e8 m"))
        let feet = try CoordinateReferenceSystem("EPSG:2263", context: ctx)
        // 1e8 m is 3.28e8 US survey feet: 2e8 ft is still a (far) place.
        #expect(PhysicalBounds.firstViolation(in: try polygon([(2e8, 0), (2e8, 1), (2e8 + 1, 1), (2e8, 0)]), crs: feet) == nil)
        let lonLat = try CoordinateReferenceSystem("EPSG:4326", context: ctx)
        let swapped = try polygon([(27.8, 114.9), (27.801, 114.9), (27.801, 114.901), (27.8, 114.9)])
        #expect(PhysicalBounds.firstViolation(in: swapped, crs: lonLat)?.description.contains("swapped") == true)
        #expect(PhysicalBounds.firstViolation(in: try polygon([(539, 0), (539, 1), (540, 1), (539, 0)]), crs: lonLat) == nil)
    }

    @Test("an easting past 180° in EPSG:3857 does not come back from lon/lat and is refused")
    func roundTrip() throws {
        let m = try measure("EPSG:3857")
        let parcel = try polygon([(3e7, 0), (3e7 + 100, 0), (3e7 + 100, 100), (3e7, 0)])
        let lonLat = try m.geographic(of: parcel)
        #expect(throws: MeasureError.self) { try m.checkRoundTrip(parcel, geographic: lonLat) }
        #expect(m.problem(of: parcel, cadastralM2: 5000, ellipsoidalM2: 5000)?.contains("outside the domain") == true)
    }

    @Test("edges from −180° to +180° and of exactly 180° are ambiguous; 179.9° to −179.9° crosses 180°")
    func edges() throws {
        let band = try polygon([(-180, 10), (180, 10), (180, 20), (-180, 20), (-180, 10)])
        #expect(Antimeridian.firstAmbiguous(in: band) == Antimeridian.Edge(polygon: nil, ring: 0, coordinate: 0, fromLon: -180, toLon: 180))
        #expect(Antimeridian.firstAmbiguous(in: try polygon([(0, 10), (180, 10), (180, 20), (0, 10)])) != nil)
        let crossing = try polygon([(179.9, 0), (-179.9, 0), (-179.9, 1), (179.9, 0)])
        #expect(Antimeridian.firstAmbiguous(in: crossing) == nil)
        #expect(Antimeridian.firstCrossing(in: crossing)?.coordinate == 0)
        #expect(Antimeridian.firstCrossing(in: try polygon([(179.9, 0), (180.1, 0), (180.1, 1), (179.9, 0)])) == nil)
    }
}

import Foundation
import LandbankGeodesy
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Registries in CRSs that are not Chinese Gauss-Kruger metres: feet, areas of use across 180°, parcels across
/// 180°, and coordinates no CRS could mean. Reference figures come from pyproj 3.7.2 (PROJ 9.5.1) and shapely 2.2:
/// the ring transformed from the registry CRS to its geodetic CRS with `Transformer.from_crs(crs,
/// crs.geodetic_crs, always_xy=True)`, `Geod(a=…, rf=…)` of that CRS's ellipsoid `.polygon_area_perimeter` for
/// the ellipsoidal area, and `shapely.Polygon(ring).area × unit_conversion_factor²` for the cadastral one.
@Suite("CRS edge cases: feet, 180°, impossible coordinates")
struct CRSEdgeCaseTests {
    /// Imports one parcel, id "P-1", with the ring given as GeoJSON coordinates, into a new registry.
    func importing(_ ring: String, registry crs: String, input inputCRS: String) throws -> (Registry, ImportError?) {
        let r = try newRegistry(crs: crs)
        let path = try scratchDirectory() + "/parcel.geojson"
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"P-1","properties":{},"#
            + #""geometry":{"type":"Polygon","coordinates":[\#(ring)]}}]}"#
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try r.importFile(path, ImportOptions(crs: inputCRS))
            return (r, nil)
        } catch let e as ImportError {
            #expect(try r.parcelCount == 0, "something was written")
            return (r, e)
        }
    }

    func areas(_ r: Registry) throws -> (cadastral: Double?, ellipsoidal: Double) {
        let p = try #require(try r.parcel(id: "P-1")).parcel
        return (p.cadastralAreaM2, p.ellipsoidalAreaM2)
    }

    @Test("a 100 ft square in EPSG:2263 (US survey feet) is 929.03 m² cadastral, not 10,000")
    func usSurveyFeet() throws {
        // Reference: EPSG:2263 → EPSG:4269, GRS 1980: ellipsoidal 929.0385089187839 m²; planar 10000 ft² ×
        // 0.30480060960121924² = 929.0341161327486 m². Their ratio, 0.99999527, is the projection's areal scale.
        let (r, e) = try importing("[[988000,200000],[988100,200000],[988100,200100],[988000,200100],[988000,200000]]",
                                   registry: "EPSG:2263", input: "EPSG:2263")
        #expect(e == nil, "\(e!)")
        let a = try areas(r)
        #expect(abs(try #require(a.cadastral) - 929.0341161327486) < 1e-6)
        #expect(abs(a.ellipsoidal - 929.0385089187839) < 1e-6)
    }

    @Test("verify passes a registry in feet, and flags a stored cadastral area left in ft² by its ratio to the ellipsoidal")
    func verifyFeet() throws {
        let (r, e) = try importing("[[988000,200000],[988100,200000],[988100,200100],[988000,200100],[988000,200000]]",
                                   registry: "EPSG:2263", input: "EPSG:2263")
        #expect(e == nil)
        let clean = try r.verify()
        #expect(clean.ok, "\(clean.checks.filter { !$0.ok })")
        // What landbank stored before areas were converted from the CRS's unit: the shoelace in ft².
        #expect(try gdalSQL(r, "UPDATE parcels SET cadastral_area_m2 = 10000, cadastral_area_mu = 15").status == 0)
        let areas = try #require(try r.verify().checks.first { $0.name.hasPrefix("stored areas and mu") })
        #expect(areas.problems.contains { $0.contains("10.7638 times the ellipsoidal") }, "\(areas.problems)")
        #expect(areas.problems.contains { $0.contains("stored planar area 10000.0000 m², its geometry measures 929.0341 m²") })
    }

    @Test("EPSG:3832 (PDC Mercator) takes a parcel on its own central meridian, 150°E")
    func pdcMercator() throws {
        // Reference: EPSG:3832 → EPSG:4326: (0, -553583.85) is (150°E, 5°S); WGS 84: ellipsoidal
        // 9924.55700172484 m², planar 10000 m² (areal scale sec²5° ≈ 1.0076).
        let (r, e) = try importing("[[0,-553583.85],[100,-553583.85],[100,-553483.85],[0,-553483.85],[0,-553583.85]]",
                                   registry: "EPSG:3832", input: "EPSG:3832")
        #expect(e == nil, "\(e!)")
        let a = try areas(r)
        #expect(abs(try #require(a.cadastral) - 10000) < 1e-6)
        #expect(abs(a.ellipsoidal - 9924.55700172484) < 1e-6)
    }

    @Test("EPSG:3460 (Fiji Map Grid) takes a parcel in Suva, with both areas right")
    func suva() throws {
        // Reference: EPSG:3460 → EPSG:4720 puts the corner at (178.4399975°E, 18.1400017°S); WGS 72:
        // ellipsoidal 10002.735433645372 m², planar 10000 m².
        let (r, e) = try importing("[[1967200,3873821],[1967300,3873821],[1967300,3873921],[1967200,3873921],[1967200,3873821]]",
                                   registry: "EPSG:3460", input: "EPSG:3460")
        #expect(e == nil, "\(e!)")
        let a = try areas(r)
        #expect(abs(try #require(a.cadastral) - 10000) < 1e-6)
        #expect(abs(a.ellipsoidal - 10002.735433645372) < 1e-6)
    }

    @Test("EPSG:3460 takes a parcel on Taveuni that crosses 180°, and measures it whole")
    func taveuni() throws {
        // Reference: EPSG:3460 → EPSG:4720 runs from 179.999°E to 179.999°W at 16.8°S; WGS 72: ellipsoidal
        // 21318.038694183808 m², planar 21320.999999996275 m².
        let (r, e) = try importing("[[2133129.89,4021710.86],[2133343.10,4021709.51],[2133343.10,4021809.51],[2133129.89,4021810.86],[2133129.89,4021710.86]]",
                                   registry: "EPSG:3460", input: "EPSG:3460")
        #expect(e == nil, "\(e!)")
        let a = try areas(r)
        #expect(abs(try #require(a.cadastral) - 21320.999999996275) < 1e-6)
        #expect(abs(a.ellipsoidal - 21318.038694183808) < 1e-6)
    }

    @Test("a parcel crossing 180° is refused by EPSG:3857, which would run it the long way round")
    func webMercatorCrossing() throws {
        // Before: accepted with cadastral 4.66e11 m² against ellipsoidal 2.36e8 m² (pyproj: shoelace of the
        // EPSG:3857 ring 465620933968.59467 m², Geod WGS84 235998814.85908508 m²).
        let (_, e) = try importing("[[179.9,-16.8],[-179.9,-16.8],[-179.9,-16.7],[179.9,-16.7],[179.9,-16.8]]",
                                   registry: "EPSG:3857", input: "EPSG:4326")
        let error = try #require(e)
        guard case .measure(let m) = error.reason, case .crossesAntimeridian(_, _, .areas(let cad, let ell)) = m.kind else {
            Issue.record("\(error)"); return
        }
        #expect(abs(cad - 465620933968.59467) / cad < 1e-6 && abs(ell - 235998814.85908508) / ell < 1e-6)
        #expect(error.description.contains("crosses the antimeridian (180°)") && error.description.contains("split it at 180°"))
        #expect(error.featureID == "P-1")
    }

    @Test("a parcel crossing 180° is refused by a lon/lat registry (EPSG:4326, EPSG:4490)")
    func geographicCrossing() throws {
        let (_, e) = try importing("[[179.9,-16.8],[-179.9,-16.8],[-179.9,-16.7],[179.9,-16.7],[179.9,-16.8]]",
                                   registry: "EPSG:4326", input: "EPSG:4326")
        let error = try #require(e)
        guard case .measure(let m) = error.reason, case .crossesAntimeridian(_, _, .longWayRound) = m.kind else {
            Issue.record("\(error)"); return
        }
    }

    @Test("a ring with an edge from −180° to +180° is refused, not measured as 0 m²")
    func band() throws {
        for crs in ["EPSG:4326", "EPSG:3857"] {
            let (_, e) = try importing("[[-180,10],[180,10],[180,20],[-180,20],[-180,10]]", registry: crs, input: "EPSG:4326")
            let error = try #require(e, "\(crs) took it")
            guard case .measure(let m) = error.reason, case .ambiguousEdge(-180, 180) = m.kind else {
                Issue.record("\(error)"); continue
            }
            #expect(m.ring == 0 && m.coordinate == 0)
        }
    }

    @Test("an easting of 1e15 m is refused with the coordinate named, in metres and in feet")
    func farEasting() throws {
        // Before: EPSG:3857 took it (its inverse wraps 1e15 m into the world), measuring 5000 m².
        for crs in ["EPSG:3857", "EPSG:4547", "EPSG:2263"] {
            let (_, e) = try importing("[[0,0],[1000000000000000,0],[1000000000000000,100],[0,0]]", registry: crs, input: crs)
            let error = try #require(e, "\(crs) took it")
            guard case .measure(let m) = error.reason, case .beyondPhysicalBounds(1e15, 0, _) = m.kind else {
                Issue.record("\(error)"); continue
            }
            #expect(m.coordinate == 1 && error.description.contains("1e8 m"))
        }
    }

    @Test("an easting past 180° in EPSG:3857 (3e7 m) does not come back from lon/lat and is refused")
    func beyondTheDomain() throws {
        // Before: accepted, measuring 5000 m² somewhere near 90°W.
        let (_, e) = try importing("[[30000000,0],[30000100,0],[30000100,100],[30000000,0]]", registry: "EPSG:3857", input: "EPSG:3857")
        let error = try #require(e)
        guard case .measure(let m) = error.reason, case .noRoundTrip(3e7, 0, _) = m.kind else { Issue.record("\(error)"); return }
        #expect(error.description.contains("outside the domain"))
    }

    @Test("the area-of-use refusal is one short line, even for EPSG:2284's 896-character area name")
    func shortAreaOfUseMessage() throws {
        let (_, e) = try importing("[[-70.8,36.8],[-70.801,36.8],[-70.801,36.801],[-70.8,36.8]]",
                                   registry: "EPSG:2284", input: "EPSG:4326")
        let error = try #require(e)
        guard case .outsideAreaOfUse = error.reason else { Issue.record("\(error)"); return }
        #expect(error.reasonText.count < 200, "\(error.reasonText.count): \(error.reasonText)")
        #expect(error.reasonText.contains("lon -83.68…-75.31"))
    }
}

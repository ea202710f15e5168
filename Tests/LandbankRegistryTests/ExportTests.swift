import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

@Suite("Export to GeoJSON")
struct ExportTests {
    func exported(_ options: ExportOptions = ExportOptions()) throws -> (Registry, [String: Any]) {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let out = try scratchDirectory() + "/out.geojson"
        try r.export(to: out, options: options)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        return (r, json)
    }

    /// Signed shoelace area of a lon/lat ring: positive when counter-clockwise.
    func signedArea(_ ring: [[Double]]) -> Double {
        var s = 0.0
        for i in 0..<(ring.count - 1) { s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
        return s / 2
    }

    @Test("RFC 7946: lon/lat, exterior rings counter-clockwise, holes clockwise, no crs member, 7 decimals")
    func rfc7946() throws {
        let (_, json) = try exported()
        #expect(json["crs"] == nil)
        let features = json["features"] as! [[String: Any]]
        #expect(features.count == 144)
        var holes = 0
        for f in features {
            let g = f["geometry"] as! [String: Any]
            let polys = g["type"] as! String == "Polygon"
                ? [g["coordinates"] as! [[[Double]]]] : g["coordinates"] as! [[[[Double]]]]
            for p in polys {
                #expect(signedArea(p[0]) > 0)
                for h in p.dropFirst() { #expect(signedArea(h) < 0); holes += 1 }
                for c in p[0] {
                    #expect(c[0] > 114.8 && c[0] < 115.1 && c[1] > 27.7 && c[1] < 27.9)
                    #expect(abs(c[0] * 1e7 - (c[0] * 1e7).rounded()) < 1e-3)
                }
            }
        }
        #expect(holes >= 10)
    }

    @Test("ids and input properties come back, with both areas in m² and mu")
    func properties() throws {
        let (r, json) = try exported()
        let f = (json["features"] as! [[String: Any]]).first { $0["id"] as? String == "XYGX-2023-001" }!
        let p = f["properties"] as! [String: Any]
        let stored = try #require(try r.parcel(id: "XYGX-2023-001")).parcel
        #expect(p["zone"] as? String == stored.zone && p["contract_no"] != nil && p["declared_area_mu"] != nil)
        #expect(abs((p["cadastral_area_mu"] as! Double) - stored.cadastralAreaMu!) < 1e-6)
        #expect(abs((p["ellipsoidal_area_m2"] as! Double) - stored.ellipsoidalAreaM2) < 1e-4)
    }

    @Test("--status and --zone filter the export")
    func filters() throws {
        let (r, json) = try exported(ExportOptions(filter: ParcelFilter(status: .recovered, zone: "马洪片区")))
        let features = json["features"] as! [[String: Any]]
        let expected = try r.parcels(ParcelFilter(status: .recovered, zone: "马洪片区")).count
        #expect(features.count == expected && expected > 0 && expected < 144)
        for f in features {
            let p = f["properties"] as! [String: Any]
            #expect(p["status"] as? String == "recovered" && p["zone"] as? String == "马洪片区")
        }
    }

    @Test("--crs keeps projected coordinates and names the CRS; a re-import gives the same areas")
    func projected() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let out = try scratchDirectory() + "/projected.geojson"
        try r.export(to: out, options: ExportOptions(crs: "EPSG:4547"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("urn:ogc:def:crs:EPSG::4547"))
        let again = try newRegistry()
        _ = try again.importFile(out)
        let a = try r.stats().total, b = try again.stats().total
        #expect(b.parcels == 144 && abs(a.cadastralAreaM2! - b.cadastralAreaM2!) < 1e-3)
    }

    @Test("a round trip through RFC 7946 moves each area by no more than its 7-decimal rounding allows")
    func roundTrip() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let out = try scratchDirectory() + "/rt.geojson"
        try r.export(to: out)
        let again = try newRegistry()
        _ = try again.importFile(out)
        // Rounding to 1e-7° moves a vertex by at most 0.5e-7° ≈ 0.56 cm (111.3 km per degree), so an area
        // moves by at most perimeter × 0.0056 m.
        let maxShift = 0.5e-7 * 111_320
        var totalBound = 0.0
        for p in try r.parcels() {
            let g = try #require(try r.parcel(id: p.parcelID)).geometry
            var perimeter = 0.0
            for poly in g.polygons {
                for ring in poly.rings {
                    for i in 0..<(ring.points.count - 1) {
                        perimeter += hypot(ring.points[i + 1].x - ring.points[i].x, ring.points[i + 1].y - ring.points[i].y)
                    }
                }
            }
            let q = try #require(try again.parcel(id: p.parcelID)).parcel
            #expect(abs(q.cadastralAreaM2! - p.cadastralAreaM2!) <= perimeter * maxShift)
            totalBound += perimeter * maxShift
        }
        let a = try r.stats().total.cadastralAreaM2!, b = try again.stats().total.cadastralAreaM2!
        #expect(abs(a - b) <= totalBound / 10)
    }
}

@Suite("Export of buildings")
struct BuildingExportTests {
    @Test("buildings export with their parcel, floor space and flags, in lon/lat, filtered by zone")
    func buildings() throws {
        let r = try fullFixture()
        let out = try scratchDirectory() + "/b.geojson"
        let n = try r.export(to: out, options: ExportOptions(layer: .buildings, filter: ParcelFilter(zone: "马洪片区")))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        let expected = try r.buildings(ParcelFilter(zone: "马洪片区")).count
        #expect(n == expected && features.count == expected && expected > 0 && expected < 165)
        let p = features[0]["properties"] as! [String: Any]
        #expect(p["parcel_id"] is String && p["floor_area_m2"] is Double && p["standard_factory"] is Bool)
        let ring = ((features[0]["geometry"] as! [String: Any])["coordinates"] as! [[[Double]]])[0]
        #expect(ring[0][0] > 114.8 && ring[0][0] < 115.1)
    }
}

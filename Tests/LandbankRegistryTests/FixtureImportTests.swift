import Foundation
import LandbankGeodesy
import LandbankGeometry
import Testing
@testable import LandbankRegistry

@Suite("Importing the Xinyu high-tech zone ledger")
struct FixtureImportTests {
    @Test("144 parcels whose cadastral areas sum to 3575.105 mu")
    func ledgerTotals() throws {
        let r = try newRegistry()
        let summary = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        #expect(summary.sourceCRS == "EPSG:4547")
        #expect(try r.parcelCount == 144)
        let stats = try r.stats()
        #expect(stats.total.parcels == 144)
        // The generator (scripts/gen-fixtures.py) checks this sum with exact fractions on the written coordinates.
        let mu = try #require(stats.total.cadastralAreaMu)
        #expect(abs(mu - 3575.105) < 0.0005)
        #expect(stats.rounded().total.cadastralAreaMu == 3575.105)
        // Ellipsoidal area is smaller than the Gauss-Kruger area ~0.9° east of the central meridian (scale > 1).
        #expect(stats.total.ellipsoidalAreaMu < mu && stats.total.ellipsoidalAreaMu > mu * 0.999)
    }

    @Test("each parcel's ellipsoidal area agrees with pyproj/GeographicLib to 1e-9")
    func ellipsoidalAgainstGeographicLib() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        // Reference: pyproj 3.7.2, Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True) on each vertex,
        // then Geod(a=6378137, rf=298.257222101).polygon_area_perimeter per ring, holes subtracted, parts summed
        // (scripts/reference-areas.py prints these).
        for (id, expected) in referenceEllipsoidalAreas {
            let p = try #require(try r.parcel(id: id)).parcel
            #expect(abs(p.ellipsoidalAreaM2 - expected) / expected < 1e-9, "\(id): \(p.ellipsoidalAreaM2) vs \(expected)")
        }
    }

    @Test("each parcel's cadastral area is the shoelace area of its stored coordinates")
    func cadastralIsShoelace() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        for p in try r.parcels() {
            let g = try #require(try r.parcel(id: p.parcelID)).geometry
            var shoelace = 0.0
            // Independent of Ring.doubleSignedArea: the textbook formula about another origin (the envelope's
            // corner); on raw Gauss-Kruger coordinates each term would lose ~1e-4 m² to rounding.
            let o = g.boundingBox
            for poly in g.polygons {
                func area(_ pts: [Point]) -> Double {
                    var s = 0.0
                    for i in 0..<(pts.count - 1) {
                        let (x0, y0, x1, y1) = (pts[i].x - o.minX, pts[i].y - o.minY, pts[i + 1].x - o.minX, pts[i + 1].y - o.minY)
                        s += x0 * y1 - x1 * y0
                    }
                    return abs(s) / 2
                }
                shoelace += area(poly.exterior.points) - poly.holes.reduce(0) { $0 + area($1.points) }
            }
            #expect(abs(try #require(p.cadastralAreaM2) - shoelace) < 1e-6)
        }
    }

    @Test("ids, properties, statuses and disposal methods are kept; holes and parts survive")
    func attributesKept() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let first = try #require(try r.parcel(id: "XYGX-2023-001")).parcel
        #expect(first.zone != nil && first.status != nil && first.disposalMethod != nil)
        #expect(first.properties.contains("\"contract_no\""))
        #expect(!first.properties.contains("\"zone\""))
        let geometries = try r.parcels().map { try #require(try r.parcel(id: $0.parcelID)).geometry }
        #expect(geometries.contains { $0.polygons.count > 1 })
        #expect(geometries.contains { $0.polygons.contains { !$0.holes.isEmpty } })
    }

    @Test("importing the same file twice is refused as duplicate ids and leaves the first import intact")
    func importTwice() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        #expect(throws: ImportError.self) { try r.importFile(fixture("xinyu-hitech-disposed.geojson")) }
        #expect(try r.parcelCount == 144)
        do {
            _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        } catch let e as ImportError {
            #expect(e.position == "feature 1")
            guard case .duplicateID(_, let first) = e.reason else { Issue.record("\(e)"); return }
            #expect(first == nil) // already in the registry, not earlier in the file
        }
    }
}

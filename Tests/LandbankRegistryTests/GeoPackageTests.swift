import Foundation
import Testing
@testable import LandbankRegistry

/// The registry file is checked against GDAL, the reference implementation (gdal-bin and python3-gdal are
/// installed by scripts/setup.sh).
@Suite("The registry is a valid GeoPackage 1.3")
struct GeoPackageTests {
    func filled() throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        return r
    }

    @Test("ogrinfo reads the layer, its CRS, feature count and extent")
    func ogrinfo() throws {
        let r = try filled()
        let (status, out) = try run("/usr/bin/ogrinfo", ["-so", r.path, "parcels"])
        #expect(status == 0)
        #expect(out.contains("Geometry: Multi Polygon"))
        #expect(out.contains("Feature Count: 144"))
        #expect(out.contains("CGCS2000 / 3-degree Gauss-Kruger CM 114E"))
        let stored = try r.extent()
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Extent:") })
        #expect(line == "Extent: (\(String(format: "%.6f", stored.minX)), \(String(format: "%.6f", stored.minY))) - (\(String(format: "%.6f", stored.maxX)), \(String(format: "%.6f", stored.maxY)))")
    }

    @Test("GDAL's validate_gpkg.py finds nothing wrong, with buildings, history and contracts in the file")
    func validator() throws {
        let r = try fullFixture()
        let s = Subject(.parcel, "XYGX-2023-001")
        let g = try #require(try r.parcel(id: s.id)).geometry
        try r.replaceGeometry(of: s, with: .multiPolygon(g), date: CivilDate("2025-08-01")!, recordedBy: "surveyor")
        let (status, out) = try run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", r.path])
        #expect(status == 0, "\(out)")
    }

    @Test("the R*Tree holds every parcel and a spatial filter through GDAL uses it")
    func rtree() throws {
        let r = try filled()
        let (_, all) = try run("/usr/bin/ogrinfo", ["-q", "-sql", "SELECT count(*) AS n FROM rtree_parcels_geom", r.path])
        #expect(all.contains("n (Integer) = 144"))
        let e = try r.extent()
        let midX = (e.minX + e.maxX) / 2, midY = (e.minY + e.maxY) / 2
        let (_, some) = try run("/usr/bin/ogrinfo", ["-q", "-spat", "\(e.minX)", "\(e.minY)", "\(midX)", "\(midY)", r.path, "parcels"])
        let n = some.components(separatedBy: "OGRFeature(parcels)").count - 1
        #expect(n > 0 && n < 144)
    }

    @Test("rows written by GDAL into the registry are indexed by our triggers and ST_ functions")
    func triggers() throws {
        let r = try filled()
        let dir = try scratchDirectory()
        let extra = dir + "/one.geojson"
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"parcel_id":"GDAL-1","ellipsoidal_area_m2":1,"ellipsoidal_area_mu":0.0015,"properties":"{}","imported_at":"2026-01-01"},"geometry":{"type":"MultiPolygon","coordinates":[[[[114.9,27.8],[114.901,27.8],[114.901,27.801],[114.9,27.8]]]]}}]}
        """.write(toFile: extra, atomically: true, encoding: .utf8)
        // ogr2ogr -append runs the registry's insert trigger, which calls GDAL's own ST_ functions; our
        // library then reads the row through its spatial index.
        let (status, out) = try run("/usr/bin/ogr2ogr", ["-append", "-t_srs", "EPSG:4547", "-nln", "parcels", r.path, extra])
        #expect(status == 0, "\(out)")
        #expect(try r.parcelCount == 145)
        #expect(try r.indexedCount() == 145)
    }

    @Test("application_id is GPKG and user_version 10300")
    func header() throws {
        let r = try filled()
        let (_, out) = try run("/usr/bin/sqlite3", [r.path, "PRAGMA application_id; PRAGMA user_version;"])
        #expect(out == "1196444487\n10300\n")
    }
}

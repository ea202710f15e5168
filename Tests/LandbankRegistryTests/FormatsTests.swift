import Foundation
import LandbankGeodesy
import LandbankGeometry
import Testing
@testable import LandbankRegistry

@Suite("Other inputs: lon/lat GeoJSON, GCJ-02, CSV with WKT, a GeoPackage layer; geographic registries")
struct FormatsTests {
    @Test("RFC 7946 lon/lat parcels are transformed into EPSG:4547; ids come from `id` or `code`")
    func lonLat() throws {
        let r = try newRegistry()
        let s = try r.importFile(fixture("lonlat-sample.geojson"))
        #expect(s.sourceCRS == "EPSG:4326" && s.imported.parcels == 12)
        let ids = try r.parcels().map(\.parcelID)
        #expect(ids.contains("LL-002") && ids.contains("LL-001"))
        let g = try #require(try r.parcel(id: "LL-001")).geometry
        let e = g.boundingBox
        #expect(e.minX > 580_000 && e.maxX < 610_000 && e.minY > 3_060_000 && e.maxY < 3_090_000)
    }

    @Test("GCJ-02 input converted with --from-gcj02 lands within 0.5 m of the WGS84 truth")
    func gcj02() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("gcj02-sample.geojson"), ImportOptions(fromGCJ02: true))
        let truth = try newRegistry()
        _ = try truth.importFile(fixture("gcj02-sample.truth.geojson"))
        let plain = try newRegistry()
        _ = try plain.importFile(fixture("gcj02-sample.geojson"))
        for p in try truth.parcels() {
            let a = try #require(try r.parcel(id: p.parcelID)).geometry.polygons[0].exterior.points
            let b = try #require(try truth.parcel(id: p.parcelID)).geometry.polygons[0].exterior.points
            let c = try #require(try plain.parcel(id: p.parcelID)).geometry.polygons[0].exterior.points
            for (pa, pb) in zip(a, b) { #expect(hypot(pa.x - pb.x, pa.y - pb.y) < 0.5) }
            // Without the conversion the offset is hundreds of metres.
            #expect(hypot(c[0].x - b[0].x, c[0].y - b[0].y) > 100)
        }
    }

    @Test("--from-gcj02 on projected input is refused")
    func gcj02NeedsLonLat() throws {
        let r = try newRegistry()
        #expect(throws: ImportError.self) {
            try r.importFile(fixture("xinyu-hitech-disposed.geojson"), ImportOptions(fromGCJ02: true))
        }
    }

    @Test("CSV with a WKT column and --crs imports every row, with its columns")
    func csv() throws {
        let r = try newRegistry()
        let s = try r.importFile(fixture("parcels-wkt.csv"), ImportOptions(crs: "EPSG:4547"))
        #expect(s.imported.parcels == 10)
        let p = try #require(try r.parcel(id: "WKT-001")).parcel
        #expect(p.zone == "高新东区" && p.status == .revitalized && p.disposalMethod == .landRecovery)
        #expect(p.name == "新余诚丰光伏材料有限公司")
    }

    @Test("a layer of another GeoPackage (written by ogr2ogr) imports with its CRS and columns")
    func geopackageLayer() throws {
        let dir = try scratchDirectory()
        let gpkg = dir + "/survey.gpkg"
        let (status, out) = try run("/usr/bin/ogr2ogr", ["-f", "GPKG", "-nln", "survey", gpkg, fixture("xinyu-hitech-disposed.geojson")])
        #expect(status == 0, "\(out)")
        let r = try newRegistry()
        let s = try r.importFile(gpkg)
        #expect(s.sourceCRS == "EPSG:4547" && s.imported.parcels == 144)
        // The GeoJSON `id` became a column named id for GDAL; stats equal a direct import's.
        let direct = try newRegistry()
        _ = try direct.importFile(fixture("xinyu-hitech-disposed.geojson"))
        #expect(abs(try r.stats().total.cadastralAreaM2! - (try direct.stats().total.cadastralAreaM2!)) < 1e-6)
    }

    @Test("a registry in geographic CGCS2000 (EPSG:4490) has only ellipsoidal areas")
    func geographicRegistry() throws {
        let r = try newRegistry(crs: "EPSG:4490")
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        let s = try r.stats()
        #expect(s.total.cadastralAreaM2 == nil && s.total.parcels == 144)
        let projected = try newRegistry()
        _ = try projected.importFile(fixture("xinyu-hitech-disposed.geojson"))
        // Same ellipsoid, same vertices: the ellipsoidal totals agree.
        #expect(abs(s.total.ellipsoidalAreaM2 - (try projected.stats().total.ellipsoidalAreaM2)) < 1e-3)
    }

    @Test("init refuses an existing file and an unknown CRS")
    func initRefusals() throws {
        let r = try newRegistry()
        #expect(throws: RegistryError.self) { try Registry.create(at: r.path, crs: "EPSG:4547") }
        #expect(throws: ProjError.self) { try Registry.create(at: try scratchDirectory() + "/x.gpkg", crs: "EPSG:999999") }
    }
}

@Test("opening a file that is not a registry says so")
func notARegistry() throws {
    #expect { try Registry.open(at: fixture("lonlat-sample.geojson")) } throws: { "\($0)".contains("not a SQLite file") }
    let gpkg = try scratchDirectory() + "/plain.gpkg"
    _ = try run("/usr/bin/ogr2ogr", ["-f", "GPKG", gpkg, fixture("lonlat-sample.geojson")])
    #expect { try Registry.open(at: gpkg) } throws: { "\($0)".contains("not a landbank registry") }
}

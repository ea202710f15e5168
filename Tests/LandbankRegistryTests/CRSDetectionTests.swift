import Foundation
import LandbankGeodesy
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// A CSV of the twelve reference parcels in EPSG:4547, written by ogr2ogr, optionally with x and y swapped.
private func gkCSV(swapped: Bool) throws -> String {
    let dir = try scratchDirectory()
    let gk = dir + "/gk.geojson", path = dir + "/gk.csv"
    var (status, out) = try run("/usr/bin/ogr2ogr", ["-f", "GeoJSON", "-t_srs", "EPSG:4547", "-nln", "parcels", gk, fixture("formats/parcels.geojson")])
    #expect(status == 0, "\(out)")
    var args = ["-f", "CSV", "-lco", "GEOMETRY=AS_WKT"]
    // SpatiaLite's SwapCoords, through GDAL's SQLite dialect.
    if swapped { args += ["-dialect", "sqlite", "-sql", "SELECT parcel_id, name, SwapCoords(geometry) AS geometry FROM parcels"] }
    (status, out) = try run("/usr/bin/ogr2ogr", args + [path, gk])
    #expect(status == 0, "\(out)")
    return path
}

@Suite("An import without a CRS infers it; swapped axes are found and repaired on request")
struct CRSDetectionTests {
    @Test("a DXF with no CRS in a EPSG:4547 registry: the registry's CRS decides among the readings, and says so")
    func inferredFromRegistry() throws {
        let r = try newRegistry()
        let s = try r.importFile(fixture("formats/parcels.dxf"), ImportOptions(idField: "Layer"))
        #expect(s.imported.parcels == 12 && s.sourceCRS == "EPSG:4547")
        #expect(s.notes.contains { $0.hasPrefix("CRS inferred from the coordinates: EPSG:4547") && $0.contains("registry's CRS") })
    }

    @Test("in a lon/lat registry nothing decides: refused naming the readings and --crs")
    func ambiguous() throws {
        let r = try newRegistry(crs: "EPSG:4490")
        #expect { try r.importFile(fixture("formats/parcels.dxf"), ImportOptions(idField: "Layer")) } throws: { e in
            let t = "\(e)"
            return t.contains("the file names no CRS and its coordinates fit") && t.contains("CGCS2000 3° Gauss–Krüger CM")
                && t.contains("choose one with --crs")
        }
        #expect(try r.parcelCount == 0)
    }

    @Test("a boundary-point ledger with X the northing: swapped axes suspected; --fix-axes repairs every feature")
    func swapped() throws {
        let path = try gkCSV(swapped: true)
        let r = try newRegistry()
        #expect { try r.importFile(path, ImportOptions(crs: "EPSG:4547")) } throws: { "\($0)".contains("swapped axes suspected") && "\($0)".contains("--fix-axes") }
        var o = ImportOptions(crs: "EPSG:4547")
        o.fixAxes = true
        let s = try r.importFile(path, o)
        #expect(s.imported.parcels == 12 && s.notes.contains("x and y swapped in every feature (--fix-axes)"))
        let straight = try newRegistry()
        _ = try straight.importFile(try gkCSV(swapped: false), ImportOptions(crs: "EPSG:4547"))
        #expect(abs(s.imported.cadastralAreaM2! - (try straight.stats().total.cadastralAreaM2!)) < 1e-6)
    }

    @Test("lon/lat with latitude first and no CRS: swapped suspected, repaired with --fix-axes")
    func swappedLonLat() throws {
        let dir = try scratchDirectory()
        let (status, out) = try run("/usr/bin/ogr2ogr", ["-f", "CSV", "-lco", "GEOMETRY=AS_WKT", "-dialect", "sqlite", "-sql",
                                                         "SELECT parcel_id, SwapCoords(geometry) AS geometry FROM parcels", dir + "/ll.csv", fixture("formats/parcels.geojson")])
        #expect(status == 0, "\(out)")
        let r = try newRegistry()
        #expect { try r.importFile(dir + "/ll.csv") } throws: { "\($0)".contains("swapped axes suspected, re-run with --fix-axes") }
        var o = ImportOptions()
        o.fixAxes = true
        #expect(try r.importFile(dir + "/ll.csv", o).imported.parcels == 12)
    }

    @Test("a parcel read in the wrong zone is named with its likely cause")
    func wrongZone() throws {
        let r = try newRegistry()
        #expect { try r.importFile(try gkCSV(swapped: false), ImportOptions(crs: "EPSG:4548")) } throws: { e in
            "\(e)".contains("wrong zone: the coordinates fit EPSG:4547")
        }
    }

    @Test("--from-bd09 converts Baidu coordinates; a file named for Baidu gets a hint without it")
    func bd09() throws {
        let dir = try scratchDirectory()
        // The GCJ-02 sample's points moved to BD-09, in a file named as Baidu exports are.
        final class Text: @unchecked Sendable { var s = "" }  // written by this test's thread only
        let text = Text()
        var w = GeoJSONWriter(decimals: 9, crsName: nil, name: "p") { text.s += String(decoding: $0, as: UTF8.self) }
        let source = try FeatureSources.open(fixture("gcj02-sample.geojson"))
        while let f = try source.next() {
            try w.write(id: f.id, properties: f.properties, geometry: try f.geometry!.mappingPoints(BD09.fromGCJ02))
        }
        try w.finish()
        let path = dir + "/parcels-baidu.geojson"
        try text.s.write(toFile: path, atomically: true, encoding: .utf8)
        let plain = try newRegistry()
        #expect(try plain.importFile(path).notes.contains { $0.contains("Baidu Maps") && $0.contains("--from-bd09") })
        var o = ImportOptions()
        o.fromBD09 = true
        let r = try newRegistry()
        _ = try r.importFile(path, o)
        let gcj = try newRegistry()
        _ = try gcj.importFile(fixture("gcj02-sample.geojson"), ImportOptions(fromGCJ02: true))
        // BD-09 → GCJ-02 and GCJ-02 → WGS 84 both iterate to 1e-10°: the same parcels as from the GCJ-02 file,
        // to a millionth (the BD-09 file was written with 9 decimals, 0.1 mm, which moves areas by a few dm²).
        let a = try r.stats().total.ellipsoidalAreaM2, b = try gcj.stats().total.ellipsoidalAreaM2
        #expect(abs(a - b) < b * 1e-6, "\(a) vs \(b)")

    }
}

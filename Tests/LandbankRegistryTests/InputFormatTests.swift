import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Runs ogr2ogr with `args` and expects it to succeed.
private func ogr2ogr(_ args: [String]) throws {
    let (status, out) = try run("/usr/bin/ogr2ogr", args)
    #expect(status == 0, "ogr2ogr \(args.joined(separator: " ")): \(out)")
}

/// The ImportError opening `path` ends with.
private func openError(_ path: String) -> ImportError? {
    do { _ = try FeatureSources.open(path); return nil } catch { return error as? ImportError }
}

@Suite("Input formats: told by content, named when landbank does not read them")
struct InputFormatTests {
    // MARK: Formats landbank does not read

    @Test("a Shapefile is read as .shp; its .shx or .dbf, or a .shp under another name, is named as such")
    func shapefile() throws {
        let dir = try scratchDirectory()
        try ogr2ogr(["-f", "ESRI Shapefile", dir + "/survey.shp", fixture("xinyu-hitech-disposed.geojson")])
        #expect(openError(dir + "/survey.shp") == nil)
        #expect(openError(dir + "/survey.shx")?.description.contains("the index (.shx) of an ESRI Shapefile") == true)
        #expect(openError(dir + "/survey.dbf")?.description.contains("(.dbf) of an ESRI Shapefile") == true)
        // Whatever it is called.
        try FileManager.default.copyItem(atPath: dir + "/survey.shp", toPath: dir + "/survey.geojson")
        #expect(openError(dir + "/survey.geojson")?.description.contains("is an ESRI Shapefile") == true)
        try FileManager.default.copyItem(atPath: dir + "/survey.dbf", toPath: dir + "/table.dat")
        #expect(openError(dir + "/table.dat")?.description.contains("(.dbf) of an ESRI Shapefile") == true)
        // And through the registry: the .dbf alone writes nothing; the .shp imports.
        let r = try newRegistry()
        #expect(throws: ImportError.self) { try r.importFile(dir + "/survey.dbf") }
        #expect(try r.parcelCount == 0)
        #expect(try r.importFile(dir + "/survey.shp").imported.parcels == 144)
    }

    @Test("KML, KMZ, GML, GPX, FlatGeobuf, GeoJSON text sequences and Excel are named by content")
    func otherFormats() throws {
        let dir = try scratchDirectory()
        let source = fixture("lonlat-sample.geojson")
        try ogr2ogr(["-f", "KML", dir + "/p.kml", source])
        try ogr2ogr(["-f", "GML", dir + "/p.gml", source])
        try ogr2ogr(["-f", "FlatGeobuf", dir + "/p.fgb", source])
        try ogr2ogr(["-f", "GeoJSONSeq", "-lco", "RS=YES", dir + "/p.geojsons", source])
        try ogr2ogr(["-f", "XLSX", dir + "/p.xlsx", source])
        try ogr2ogr(["-f", "LIBKML", dir + "/p.kmz", source])
        try #"<?xml version="1.0"?><!-- from a GPS --><gpx version="1.1" creator="x"><wpt lat="27.8" lon="114.9"/></gpx>"#
            .write(toFile: dir + "/track.gpx", atomically: true, encoding: .utf8)
        let expected = [
            "p.kml": "is a KML file; landbank reads KML named .kml",
            "p.gml": "is a GML file", "p.fgb": "is a FlatGeobuf file", "p.geojsons": "is a GeoJSON text sequence",
            "p.xlsx": "is an Excel workbook (.xlsx); landbank reads workbooks named .xlsx", "p.kmz": "is a KMZ file", "track.gpx": "is a GPX file",
        ]
        for (file, fragment) in expected {
            let e = openError(dir + "/" + file)
            // KML and Excel are read by their names (through GDAL); under another name they are still told by content.
            if file == "p.kml" || file == "p.xlsx" {
                #expect(e == nil || !(e!.description.contains("does not read")), "\(file): \(String(describing: e))")
            } else {
                #expect(e?.description.hasPrefix(file + " " + fragment) == true, "\(file): \(String(describing: e))")
            }
            // Renamed, the content still tells.
            try FileManager.default.copyItem(atPath: dir + "/" + file, toPath: dir + "/renamed-" + file + ".json")
            let what = fragment.components(separatedBy: ";")[0]
            #expect(openError(dir + "/renamed-" + file + ".json")?.description.contains(what) == true, "\(file) renamed")
        }
    }

    @Test("binary data, an HTML page, an empty file and a directory are refused by what they are")
    func otherRefusals() throws {
        let dir = try scratchDirectory()
        try Data([0x00, 0x01, 0x02, 0x03, 0xFF]).write(to: URL(fileURLWithPath: dir + "/blob.bin"))
        #expect(openError(dir + "/blob.bin")?.description.contains("binary data starting 00 01 02 03 ff") == true)
        try "<!DOCTYPE html><html><body>404</body></html>".write(toFile: dir + "/parcels.geojson", atomically: true, encoding: .utf8)
        #expect(openError(dir + "/parcels.geojson")?.description.contains("an HTML page") == true)
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.csv"))
        #expect(openError(dir + "/empty.csv")?.description == "empty.csv is empty (0 bytes)")
        try FileManager.default.createDirectory(atPath: dir + "/survey.gdb", withIntermediateDirectories: false)
        #expect(openError(dir + "/survey.gdb")?.description.contains("cannot be read as an Esri File Geodatabase") == true)
        try Data("not sqlite at all".utf8).write(to: URL(fileURLWithPath: dir + "/broken.gpkg"))
        #expect(openError(dir + "/broken.gpkg")?.description.contains("not a GeoPackage") == true)
    }

    // MARK: Formats landbank reads, whatever their names

    @Test("GeoJSON is recognised by its content: .txt, .dat, .csv or no extension")
    func geoJSONByContent() throws {
        let dir = try scratchDirectory()
        for name in ["parcels.txt", "parcels.dat", "parcels", "parcels.csv", "PARCELS.JSON"] {
            try FileManager.default.copyItem(atPath: fixture("lonlat-sample.geojson"), toPath: dir + "/" + name)
            let r = try newRegistry()
            #expect(try r.importFile(dir + "/" + name).imported.parcels == 12, "\(name)")
        }
    }

    @Test("a SQLite file is read as a GeoPackage whatever its extension; text is still CSV")
    func geoPackageByContent() throws {
        let dir = try scratchDirectory()
        try ogr2ogr(["-f", "GPKG", "-nln", "survey", dir + "/survey.dat", fixture("lonlat-sample.geojson")])
        #expect(try newRegistry().importFile(dir + "/survey.dat").imported.parcels == 12)
        try FileManager.default.copyItem(atPath: fixture("parcels-wkt.csv"), toPath: dir + "/parcels.dat")
        let r = try newRegistry()
        #expect(try r.importFile(dir + "/parcels.dat", ImportOptions(crs: "EPSG:4547")).imported.parcels == 10)
    }

    // MARK: GeoPackage details

    @Test("a GeoPackage whose CRS is a custom srs_id with only WKT (ogr2ogr from an ESRI .prj) is read through its WKT")
    func customCRS() throws {
        let dir = try scratchDirectory()
        // EPSG:4547 written as an ESRI .prj would: Gauss_Kruger on CGCS2000, CM 114E, no authority code.
        let prj = #"PROJCS["Xinyu_Local_GK",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000","#
            + #"SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],"#
            + #"PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],"#
            + #"PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
        try prj.write(toFile: dir + "/survey.prj", atomically: true, encoding: .utf8)
        let gpkg = dir + "/survey.gpkg"
        try ogr2ogr(["-f", "GPKG", "-a_srs", dir + "/survey.prj", "-nln", "survey", gpkg, fixture("xinyu-hitech-disposed.geojson")])
        let (_, rows) = try run("/usr/bin/sqlite3", [gpkg, "SELECT organization FROM gpkg_spatial_ref_sys WHERE srs_id = 100000"])
        #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "NONE")
        let r = try newRegistry()
        let s = try r.importFile(gpkg)
        #expect(s.imported.parcels == 144 && s.sourceCRS == "Xinyu_Local_GK")
        let direct = try newRegistry()
        _ = try direct.importFile(fixture("xinyu-hitech-disposed.geojson"))
        // The same projection: the same coordinates and areas, to the millimetre.
        #expect(abs(try r.stats().total.cadastralAreaM2! - (try direct.stats().total.cadastralAreaM2!)) < 1e-3)
    }

    @Test("--id-field fid takes a GeoPackage layer's primary key as the parcel id, and only when asked")
    func fidAsID() throws {
        let dir = try scratchDirectory()
        let source = dir + "/noid.geojson"
        try collection([hostileFeature(id: "null", properties: #"{"name":"甲"}"#),
                        hostileFeature(id: "null", properties: #"{"name":"乙"}"#)])
            .write(toFile: source, atomically: true, encoding: .utf8)
        let gpkg = dir + "/noid.gpkg"
        try ogr2ogr(["-f", "GPKG", "-nln", "noid", gpkg, source])
        let r = try newRegistry()
        #expect { try r.importFile(gpkg) } throws: { "\($0)".contains("no parcel id") }
        let s = try r.importFile(gpkg, ImportOptions(idField: "fid"))
        #expect(s.imported.parcels == 2)
        let p = try #require(try r.parcel(id: "2")).parcel
        #expect(p.name == "乙" && !p.properties.contains("fid"))
    }

    @Test("GeoPackage text with a NUL is read whole: refused in name, kept in other columns")
    func geoPackageNUL() throws {
        let dir = try scratchDirectory()
        let gpkg = dir + "/nul.gpkg"
        try ogr2ogr(["-f", "GPKG", "-nln", "survey", gpkg, fixture("lonlat-sample.geojson")])
        // Through GDAL, whose connection has the ST_ functions the R*Tree triggers call.
        for sql in ["ALTER TABLE survey ADD COLUMN note TEXT", "UPDATE survey SET note = 'a' || char(0) || 'b'"] {
            let (status, out) = try run("/usr/bin/ogrinfo", ["-q", gpkg, "-sql", sql])
            #expect(status == 0, "\(out)")
        }
        let r = try newRegistry()
        _ = try r.importFile(gpkg)
        let p = try #require(try r.parcels().first)
        #expect(p.properties.contains(#""note":"a\u0000b""#))
        _ = try run("/usr/bin/ogrinfo", ["-q", gpkg, "-sql", "UPDATE survey SET name = 'x' || char(0) || 'y' WHERE fid = 3"])
        let fresh = try newRegistry()
        #expect { try fresh.importFile(gpkg) } throws: { e in
            let text = "\(e)"
            return text.contains("feature 3 of layer survey") && text.contains("\"name\" holds a NUL character")
        }
        #expect(try fresh.parcelCount == 0)
    }
}

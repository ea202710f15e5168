import Foundation
import Testing
@testable import LandbankRegistry

/// The file of Fixtures/formats/ (made by scripts/gen-format-fixtures.py with ogr2ogr).
private func formatFixture(_ name: String) -> String { fixture("formats/" + name) }

/// The parcels of a registry by id.
private func parcelsByID(_ r: Registry) throws -> [String: Parcel] {
    Dictionary(uniqueKeysWithValues: try r.parcels().map { ($0.parcelID, $0) })
}

@Suite("Formats bureaus hand over, read through GDAL, give the parcels of the same GeoJSON")
struct GDALFormatTests {
    /// The reference: the same twelve parcels as GeoJSON.
    let reference: [String: Parcel]

    init() throws {
        let r = try newRegistry()
        _ = try r.importFile(formatFixture("parcels.geojson"))
        reference = try parcelsByID(r)
        #expect(reference.count == 12)
    }

    /// Imports `file` and checks ids, the attributes the format keeps, and areas to `tolerance` m².
    func check(_ file: String, _ options: ImportOptions = ImportOptions(), keepsName: Bool = true, keepsDisposal: Bool = true,
               keepsAttributes: Bool = true,
               tolerance: Double = 0.01, encoding: String? = nil) throws {
        let r = try newRegistry()
        let summary = try r.importParcels(from: try FeatureSources.open(formatFixture(file), encoding: encoding), options: options)
        #expect(summary.imported.parcels == 12, "\(file)")
        let got = try parcelsByID(r)
        #expect(Set(got.keys) == Set(reference.keys), "\(file)")
        for (id, want) in reference {
            guard let p = got[id] else { continue }
            if keepsName && keepsAttributes { #expect(p.name == want.name, "\(file) \(id)") }
            if keepsAttributes { #expect(p.zone == want.zone && p.landUse == want.landUse && p.status == want.status, "\(file) \(id)") }
            if keepsDisposal && keepsAttributes { #expect(p.disposalMethod == want.disposalMethod, "\(file) \(id)") }
            #expect(abs(p.cadastralAreaM2! - want.cadastralAreaM2!) < tolerance, "\(file) \(id): \(p.cadastralAreaM2!) vs \(want.cadastralAreaM2!)")
        }
    }

    @Test("a Shapefile in GBK with no .cpg: the CRS from its ESRI .prj, the encoding detected, Chinese names intact")
    func shapefileGBK() throws {
        // A .dbf cuts field names at 10 characters: disposal_method is disposal_m there.
        try check("parcels-gbk.shp", keepsDisposal: false)
        let source = try FeatureSources.open(formatFixture("parcels-gbk.shp"))
        #expect(source.declaredCRS == "EPSG:4547")
    }

    @Test("a Shapefile in UTF-8 with no .cpg is read as UTF-8")
    func shapefileUTF8() throws {
        try check("parcels-utf8.shp", keepsDisposal: false)
    }

    @Test("--encoding overrides the detection: GBK read as UTF-8 is refused with the field's name")
    func encodingOverride() throws {
        let r = try newRegistry()
        #expect {
            try r.importParcels(from: try FeatureSources.open(formatFixture("parcels-gbk.shp"), encoding: "UTF-8"))
        } throws: { "\($0)".contains("feature 1") && "\($0)".contains("is not valid text in the file's encoding (try --encoding)") }
        #expect(try r.parcelCount == 0)
        try check("parcels-gbk.shp", keepsDisposal: false, encoding: "GB18030")
    }

    @Test("a DXF survey drawing: hatches and closed polylines are parcels, the layer names them, --crs gives the CRS")
    func dxf() throws {
        // A drawing keeps shapes and their layers, not attributes: ids and areas are compared.
        try check("parcels.dxf", ImportOptions(crs: "EPSG:4547", idField: "Layer"), keepsAttributes: false)
    }

    @Test("KML: WGS 84, the placemark name as the parcel id, ExtendedData as attributes")
    func kml() throws {
        try check("parcels.kml", ImportOptions(idField: "Name"), keepsName: false)
    }

    @Test("a MapInfo TAB file in CP936")
    func mapInfo() throws {
        try check("parcels.tab")
    }

    @Test("an Esri File Geodatabase folder")
    func fileGDB() throws {
        // A geodatabase keeps coordinates on a 0.1 mm grid (its default XY resolution): areas agree to a few cm².
        try check("parcels.gdb", tolerance: 0.05)
    }

    @Test("an Excel ledger with a WKT column")
    func xlsxWKT() throws {
        try check("parcels-wkt.xlsx", ImportOptions(crs: "EPSG:4547"))
    }

    @Test("a CSV boundary-point ledger (x/y columns) is read like the Excel one")
    func csvVertices() throws {
        let dir = try scratchDirectory()
        let (status, out) = try run("/usr/bin/ogr2ogr", ["--config", "OGR_XLSX_HEADERS", "FORCE", "-f", "CSV", dir + "/v.csv",
                                                         formatFixture("parcels-vertices.xlsx")])
        #expect(status == 0, "\(out)")
        let r = try newRegistry()
        #expect(try r.importFile(dir + "/v.csv", ImportOptions(crs: "EPSG:4547")).imported.parcels == 12)
    }

    @Test("a curve from GDAL is refused as in GeoJSON, naming the feature")
    func refusedGeometries() throws {
        let dir = try scratchDirectory()
        let csv = dir + "/shapes.csv"
        try "id,WKT\nC1,\"CURVEPOLYGON(CIRCULARSTRING(584000 3080000,584010 3080010,584020 3080000,584010 3079990,584000 3080000))\"\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let (status, out) = try run("/usr/bin/ogr2ogr", ["-f", "OpenFileGDB", "-nlt", "CURVEPOLYGON", dir + "/shapes.gdb", csv])
        #expect(status == 0, "\(out)")
        #expect { try newRegistry().importFile(dir + "/shapes.gdb", ImportOptions(crs: "EPSG:4547")) } throws: { e in
            "\(e)".contains("shapes.gdb: feature 1") && "\(e)".contains("geometry type MultiSurface is not a Polygon or MultiPolygon")
        }
    }

    @Test("an Excel boundary-point ledger: one row per vertex, grouped by parcel id and ring")
    func xlsxVertices() throws {
        // Coordinates to the millimetre: areas agree to a few tenths of a square metre.
        try check("parcels-vertices.xlsx", ImportOptions(crs: "EPSG:4547"), keepsDisposal: false, tolerance: 1.0)
    }
}

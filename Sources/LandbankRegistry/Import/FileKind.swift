import Foundation

/// What an input file holds, told by its first bytes rather than its name: a FeatureCollection saved as .txt is
/// still GeoJSON, a SQLite file is a GeoPackage whatever its extension, and a Shapefile, GPX or Excel file is
/// named as what it is, with the command that converts it, instead of failing as "unexpected byte 0x0".
/// CSV has no signature, so it is chosen by extension, or as the fallback for text nothing else claims.
enum FileKind: Equatable {
    case geoJSON
    case geoPackage
    case csv
    /// A file landbank does not read, or cannot read at all; the reason says what it is and what to do.
    case refused(String)

    /// Bytes looked at: enough for any signature below and the root element of an XML file.
    static let sniffBytes = 4096

    static func of(path: String) -> FileKind {
        if path == "-" { return .geoJSON }  // standard input cannot be looked at first; it is read as GeoJSON
        let name = (path as NSString).lastPathComponent
        let ext = (path as NSString).pathExtension.lowercased()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .refused("a directory, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return byExtension(ext) }  // the reader says why
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: sniffBytes)) ?? Data())
        if head.isEmpty { return .refused("empty (0 bytes)") }
        if let kind = binaryKind(head, name: name, ext: ext) { return kind }
        if let kind = textKind(head, name: name, ext: ext) { return kind }
        if ext == "gpkg" { return .refused("not a GeoPackage: it does not start with the SQLite header (damaged or truncated?)") }
        return byExtension(ext)
    }

    /// "convert it with `ogr2ogr -f GPKG parcels.gpkg parcels.kml` and import the .gpkg".
    static func convert(_ name: String, from source: String? = nil) -> String {
        let stem = (name as NSString).deletingPathExtension
        return "convert it with `ogr2ogr -f GPKG \(stem).gpkg \(source ?? name)` and import the .gpkg"
    }

    static func byExtension(_ ext: String) -> FileKind {
        switch ext {
        case "csv", "tsv", "txt": return .csv
        case "gpkg": return .geoPackage
        default: return .geoJSON
        }
    }

    // MARK: Signatures

    static func binaryKind(_ b: [UInt8], name: String, ext: String) -> FileKind? {
        func starts(_ magic: [UInt8]) -> Bool { b.count >= magic.count && Array(b.prefix(magic.count)) == magic }
        let stem = (name as NSString).deletingPathExtension
        if starts(Array("SQLite format 3\0".utf8)) { return .geoPackage }
        if starts([0x00, 0x00, 0x27, 0x0A]) {  // file code 9994, big-endian: .shp and .shx share the header
            let what = ext == "shx" ? "the index (.shx) of an ESRI Shapefile" : "an ESRI Shapefile"
            return .refused("\(what); landbank reads a Shapefile through its .shp: import \(stem).shp (with its .shx, .dbf and .prj beside it)")
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .refused(zipKind(b, name: name)) }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .refused("a Microsoft Office (OLE2) file such as an Excel .xls workbook, which landbank does not read; "
                + "save the sheet as CSV (UTF-8) with a WKT geometry column and import the .csv")
        }
        if starts(Array("fgb".utf8)) && b.count >= 8 && b[4] == UInt8(ascii: "f") && b[5] == UInt8(ascii: "g") && b[6] == UInt8(ascii: "b") {
            return .refused("a FlatGeobuf file, which landbank does not read (yet); " + convert(name))
        }
        if starts([0x1E]) {
            return .refused("a GeoJSON text sequence (RFC 8142, one feature per record), which landbank does not read (yet); "
                + "convert it with `ogr2ogr -f GeoJSON \(stem).geojson \(name)` and import the .geojson")
        }
        if starts([0x1F, 0x8B]) { return .refused("gzip-compressed; decompress it first (gunzip \(name)) and import what it holds") }
        if starts(Array("%PDF".utf8)) { return .refused("a PDF document, not vector data; ask for the parcels as GeoJSON, GeoPackage or a Shapefile") }
        if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts(Array("GIF8".utf8))
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            return .refused("an image (a raster, not parcels); landbank reads polygons: GeoJSON, GeoPackage, or CSV with WKT")
        }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            return .refused("UTF-16 text (as Excel's \"Unicode text\" saves it); save it as UTF-8 (CSV UTF-8) and import that")
        }
        if isDBF(b, ext: ext) {
            return .refused("the attribute table (.dbf) of an ESRI Shapefile; import the .shp beside it (\(stem).shp)")
        }
        return nil
    }

    /// A dBASE header: version byte, a plausible last-update date, and a header length of 32 bytes per field
    /// plus the 32-byte header and its terminator (Visual FoxPro adds a 263-byte backlink).
    static func isDBF(_ b: [UInt8], ext: String) -> Bool {
        guard b.count >= 32, [0x02, 0x03, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0xCB, 0xF5, 0xFB].contains(b[0]),
              (1...12).contains(b[2]), (1...31).contains(b[3]) else { return false }
        let headerLength = Int(b[8]) | Int(b[9]) << 8
        let consistent = headerLength >= 65 && ((headerLength - 1) % 32 == 0 || (headerLength - 264) % 32 == 0)
        return consistent || ext == "dbf"
    }

    /// What a ZIP archive is, from the names of its first entries: KMZ, an Excel or OpenDocument workbook,
    /// a zipped Shapefile, or an archive.
    static func zipKind(_ b: [UInt8], name: String) -> String {
        let text = String(decoding: b, as: UTF8.self)
        if text.contains("xl/") || text.contains("[Content_Types].xml") && name.lowercased().hasSuffix(".xlsx") {
            return "an Excel workbook (.xlsx); landbank reads workbooks named .xlsx (a WKT column or x/y columns): "
                + "rename it \((name as NSString).deletingPathExtension).xlsx"
        }
        if text.contains("application/vnd.oasis.opendocument.spreadsheet") {
            return "an OpenDocument spreadsheet, which landbank does not read; save the sheet as CSV (UTF-8) with a WKT "
                + "geometry column and import the .csv"
        }
        if text.contains(".kml") { return "a KMZ file (zipped KML), which landbank does not read (yet); " + convert(name) }
        if text.contains(".shp") {
            return "a ZIP archive holding an ESRI Shapefile, which landbank does not read (yet); "
                + convert(name, from: "/vsizip/\(name)")
        }
        return "a ZIP archive; unpack it (unzip \(name)) and import the GeoJSON, GeoPackage or CSV inside"
    }

    // MARK: Text

    static func textKind(_ b: [UInt8], name: String, ext: String) -> FileKind? {
        var i = 0
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 }
        guard i < b.count else { return ext == "csv" || ext == "tsv" || ext == "txt" ? .csv : nil }
        switch b[i] {
        case UInt8(ascii: "{"): return .geoJSON
        case UInt8(ascii: "<"): return .refused(xmlKind(Array(b[i...]), name: name))
        default: break
        }
        if ["csv", "tsv", "txt", "json", "geojson", "gpkg"].contains(ext) { return nil }
        // Any other name: text is read as CSV (which then asks for its geometry column), binary is refused.
        if b.contains(0) {
            let hex = b.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            return .refused("not a file landbank reads (binary data starting \(hex)); landbank reads GeoJSON, "
                + "GeoPackage, and CSV with a WKT column")
        }
        return .csv
    }

    /// An XML file named by its root element: GPX, KML, GML, an HTML page, or other XML.
    static func xmlKind(_ b: [UInt8], name: String) -> String {
        let text = String(decoding: b, as: UTF8.self)
        let root = rootElement(text)
        let local = (root.split(separator: ":").last.map(String.init) ?? root).lowercased()
        if local == "gpx" { return "a GPX file (GPS waypoints and tracks), which landbank does not read (yet); " + convert(name) }
        if local == "kml" { return "a KML file; landbank reads KML named .kml: rename it \((name as NSString).deletingPathExtension).kml" }
        if local == "html" || text.prefix(15).lowercased().hasPrefix("<!doctype html") {
            return "an HTML page, not data (a download that returned an error page?)"
        }
        if text.contains("opengis.net/gml") || root.hasPrefix("gml:") || root.hasPrefix("wfs:") {
            return "a GML file, which landbank does not read (yet); " + convert(name)
        }
        return "an XML document (root element <\(root)>), which landbank does not read; landbank reads GeoJSON, "
            + "GeoPackage, and CSV with a WKT column"
    }

    /// The first element's name after the XML declaration, comments and doctype.
    static func rootElement(_ text: String) -> String {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("?") || rest.hasPrefix("!") {
                let close = rest.hasPrefix("!--") ? rest.range(of: "-->")?.upperBound : rest.firstIndex(of: ">").map { rest.index(after: $0) }
                guard let close else { return "?" }
                rest = rest[close...]
                continue
            }
            return String(rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" })
        }
        return "?"
    }
}

/// The formats survey offices and bureaus hand over that landbank reads through GDAL, each with the GDAL
/// driver that reads it. GeoJSON, CSV and GeoPackage have readers of their own and are not listed here.
public enum VectorFormat: String, Sendable, CaseIterable {
    case shapefile, dxf, kml, mapInfo, fileGDB, xlsx

    /// The format of a path by its extension (a File Geodatabase is a folder named *.gdb), nil for others.
    public static func of(path: String) -> VectorFormat? {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard path.contains(".") else { return nil }
        switch ext.hasSuffix("/") ? String(ext.dropLast()) : ext {
        case "shp": return .shapefile
        case "dxf": return .dxf
        case "kml": return .kml
        case "tab": return .mapInfo
        case "gdb": return .fileGDB
        case "xlsx": return .xlsx
        default: return nil
        }
    }

    /// GDAL's drivers for it, in order of preference (LIBKML reads a KML's ExtendedData as fields).
    var drivers: [String] {
        switch self {
        case .shapefile: ["ESRI Shapefile"]
        case .dxf: ["DXF"]
        case .kml: ["LIBKML", "KML"]
        case .mapInfo: ["MapInfo File"]
        case .fileGDB: ["OpenFileGDB"]
        case .xlsx: ["XLSX"]
        }
    }

    /// Name in messages.
    public var title: String {
        switch self {
        case .shapefile: "an ESRI Shapefile"
        case .dxf: "a DXF drawing"
        case .kml: "a KML file"
        case .mapInfo: "a MapInfo TAB file"
        case .fileGDB: "an Esri File Geodatabase"
        case .xlsx: "an Excel workbook"
        }
    }

    /// GDAL configuration set while the file is opened (GDAL 3.6's XLSX driver takes these, not open options):
    /// a ledger's first row is its header, and its cells stay text (an id "007" keeps its zeros; coordinates
    /// are parsed by the ledger reader).
    var configOptions: [(String, String)] { self == .xlsx ? [("OGR_XLSX_HEADERS", "FORCE"), ("OGR_XLSX_FIELD_TYPES", "STRING")] : [] }

    /// Formats whose text has an encoding landbank may have to tell GDAL (`--encoding`).
    var takesEncoding: Bool { self == .shapefile || self == .mapInfo }
}

import Foundation
import GRDB
import LandbankGeometry

/// Features of one layer of another GeoPackage (e.g. a survey office's file converted by ogr2ogr), read in
/// pages of rows by primary key so that memory stays flat. Non-geometry columns become properties; the primary
/// key does too when `--id-field` names it.
///
/// Text is read as bytes, not through GRDB's `String`, which stops at the first NUL: a value is passed on
/// whole (the attribute layer refuses a NUL where a registry column would hold it) or refused as invalid UTF-8.
final class GeoPackageLayerSource: FeatureSource {
    let name: String
    let declaredCRS: String?
    var defaultCRS: String? { nil }
    private let db: DatabaseQueue
    private let table: String
    private let geometryColumn: String
    private let pk: String
    private let columns: [String]
    private var keyIsProperty = false
    private var lastKey: Int64 = .min
    private var page: [Result<Feature, ImportError>] = []
    private var pageIndex = 0
    private var index = 0
    private var exhausted = false

    static let pageRows = 1000

    init(path: String, layer: String?) throws {
        name = (path as NSString).lastPathComponent
        var c = Configuration()
        c.readonly = true
        db = try DatabaseQueue(path: path, configuration: c)
        let layers: [Row] = try db.read { db in
            guard try db.tableExists("gpkg_geometry_columns") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT g.table_name, g.column_name, s.srs_id, s.organization, s.organization_coordsys_id, s.definition
                FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
                """)
        }
        let names = layers.map { $0["table_name"] as String }
        guard !layers.isEmpty else { throw ImportError(file: name, reason: .unreadable("not a GeoPackage with feature layers")) }
        let chosen: Row
        if let layer {
            guard let r = layers.first(where: { ($0["table_name"] as String) == layer }) else {
                throw ImportError(file: name, reason: .unreadable("no layer \"\(layer)\"; layers: \(names.joined(separator: ", "))"))
            }
            chosen = r
        } else {
            guard layers.count == 1 else {
                throw ImportError(file: name, reason: .unreadable("several layers (\(names.joined(separator: ", "))); choose one with --layer"))
            }
            chosen = layers[0]
        }
        table = chosen["table_name"]
        geometryColumn = chosen["column_name"]
        declaredCRS = Self.crs(organization: chosen["organization"], code: chosen["organization_coordsys_id"],
                               definition: chosen["definition"])
        let t = table
        (pk, columns) = try db.read { db in
            (try db.primaryKey(t).rowIDColumn ?? "rowid", try db.columns(in: t).map(\.name))
        }
    }

    /// Authorities PROJ resolves by code.
    static let knownAuthorities: Set<String> = ["EPSG", "ESRI", "IGNF", "OGC", "IAU_2015"]

    /// The CRS as landbank will ask PROJ for it: "EPSG:4547" for a known authority's code, else the WKT
    /// definition (what ogr2ogr writes for an ESRI .prj it cannot match: organization "NONE" or a made-up code),
    /// nil for GeoPackage's undefined systems (srs_id -1 and 0, definition "undefined").
    static func crs(organization: String?, code: Int?, definition: String?) -> String? {
        if let org = organization?.uppercased(), let code, knownAuthorities.contains(org) { return "\(org):\(code)" }
        if let wkt = definition?.trimmingCharacters(in: .whitespacesAndNewlines), !wkt.isEmpty,
           wkt.lowercased() != "undefined" {
            return wkt
        }
        return nil
    }

    func position(of feature: Feature) -> String { "feature \(feature.index + 1) of layer \(table)" }

    func useIDField(_ field: String) {
        keyIsProperty = field == pk
    }

    func next() throws -> Feature? {
        if pageIndex == page.count {
            if exhausted { return nil }
            try readPage()
            if page.isEmpty { return nil }
        }
        let r = page[pageIndex]
        pageIndex += 1
        return try r.get()
    }

    /// The next rows by key, up to `pageRows` or `FeatureLimits.recordBytes` of text, each a feature or its error.
    private func readPage() throws {
        let q = { (s: String) in "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let others = columns.filter { $0 != pk || keyIsProperty }
        let select = ([q(pk)] + others.flatMap { ["typeof(\(q($0)))", q($0)] }).joined(separator: ", ")
        let sql = "SELECT \(select) FROM \(q(table)) WHERE \(q(pk)) > ? ORDER BY \(q(pk)) LIMIT \(Self.pageRows)"
        page = []
        pageIndex = 0
        var rows = 0
        try db.read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [lastKey])
            var bytes = 0
            while let row = try cursor.next() {
                rows += 1
                lastKey = row[0]
                let (feature, cost) = self.feature(row, columns: others)
                page.append(feature)
                index += 1
                bytes += cost
                if bytes > FeatureLimits.recordBytes { break }
            }
        }
        if rows == 0 { exhausted = true }
    }

    /// One row as a feature: columns 1, 3, 5... hold `typeof` of the column after them. Also what its text cost.
    private func feature(_ row: Row, columns: [String]) -> (Result<Feature, ImportError>, Int) {
        let at = "feature \(index + 1) of layer \(table)"
        func refuse(_ r: ImportError.Reason) -> (Result<Feature, ImportError>, Int) {
            var e = ImportError(file: name, position: at, reason: r)
            e.recoverable = true  // one row's problem; the next row is read as usual
            return (.failure(e), 0)
        }
        var geometry: Geometry?
        var props: [JSONMember] = []
        var cost = 0
        for (k, column) in columns.enumerated() {
            let i = 2 + 2 * k
            let type: String = row[i - 1]
            if column == geometryColumn {
                guard type == "blob" else { continue }
                do {
                    geometry = try row.withUnsafeData(atIndex: i) { data in
                        try data.flatMap { d in try d.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry } }
                    }
                } catch let e as GeometryError {
                    return refuse(.geometry(e))
                } catch {
                    return refuse(.unreadable("\(error)"))
                }
                continue
            }
            cost += 16
            switch type {
            case "null": props.append(JSONMember(column, .null))
            case "integer": props.append(JSONMember(column, .number(String(row[i] as Int64))))
            case "real":
                let d: Double = row[i]
                props.append(JSONMember(column, d.isFinite ? .number("\(d)") : .null))
            case "text":
                let text: String?
                do {
                    text = try row.withUnsafeData(atIndex: i) { data -> String? in
                        guard let data else { return "" }
                        guard data.count <= FeatureLimits.tokenBytes else {
                            throw ImportError.Reason.badAttribute("column \(DisplayText.quoted(column)) holds \(data.count) bytes; "
                                + "the most landbank reads is \(FeatureLimits.tokenBytes) (FeatureLimits.tokenBytes)")
                        }
                        cost += data.count
                        return String(validating: data, as: UTF8.self)
                    }
                } catch let r as ImportError.Reason {
                    return refuse(r)
                } catch {
                    return refuse(.unreadable("\(error)"))
                }
                guard let text else { return refuse(.badAttribute("column \(DisplayText.quoted(column)) is not valid UTF-8")) }
                props.append(JSONMember(column, .string(text)))
            default: continue  // blobs other than the geometry are not properties
            }
            if cost > FeatureLimits.recordBytes {
                return refuse(.badAttribute("the row's values hold more than \(FeatureLimits.recordBytes) bytes, "
                    + "the most landbank reads for one feature (FeatureLimits.recordBytes)"))
            }
        }
        return (.success(Feature(index: index, id: nil, properties: props, geometry: geometry)), cost)
    }
}

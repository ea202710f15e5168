import Foundation
import GRDB
import LandbankGeometry

/// Features of one layer of another GeoPackage (e.g. a survey office's file converted by ogr2ogr), read in
/// pages of rows by primary key so that memory stays flat. Non-geometry columns become properties.
final class GeoPackageLayerSource: FeatureSource {
    let name: String
    let declaredCRS: String?
    var defaultCRS: String? { nil }
    private let db: DatabaseQueue
    private let table: String
    private let geometryColumn: String
    private let pk: String
    private var lastKey: Int64 = .min
    private var page: [Row] = []
    private var pageIndex = 0
    private var index = 0

    init(path: String, layer: String?) throws {
        name = (path as NSString).lastPathComponent
        var c = Configuration()
        c.readonly = true
        db = try DatabaseQueue(path: path, configuration: c)
        let layers: [Row] = try db.read { db in
            guard try db.tableExists("gpkg_geometry_columns") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id
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
        let org: String? = chosen["organization"]
        let code: Int? = chosen["organization_coordsys_id"]
        if let org, let code, org.uppercased() != "NONE" { declaredCRS = "\(org.uppercased()):\(code)" } else { declaredCRS = nil }
        let t = table
        pk = try db.read { db in try db.primaryKey(t).rowIDColumn } ?? "rowid"
    }

    func position(of feature: Feature) -> String { "feature \(feature.index + 1) of layer \(table)" }

    func next() throws -> Feature? {
        if pageIndex == page.count {
            let (t, k, last) = (table, pk, lastKey)
            page = try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(t)\" WHERE \"\(k)\" > ? ORDER BY \"\(k)\" LIMIT 1000", arguments: [last])
            }
            pageIndex = 0
            if page.isEmpty { return nil }
        }
        let row = page[pageIndex]
        pageIndex += 1
        lastKey = row[pk]
        defer { index += 1 }
        var geometry: Geometry?
        var props: [JSONMember] = []
        for (column, value) in row {
            if column == pk { continue }
            if column == geometryColumn {
                guard let data = Data.fromDatabaseValue(value) else { continue }
                do {
                    geometry = try data.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
                } catch let e as GeometryError {
                    throw ImportError(file: name, position: "feature \(index + 1) of layer \(table)", reason: .geometry(e))
                }
                continue
            }
            switch value.storage {
            case .null: props.append(JSONMember(column, .null))
            case .int64(let i): props.append(JSONMember(column, .number(String(i))))
            case .double(let d): props.append(JSONMember(column, d.isFinite ? .number("\(d)") : .null))
            case .string(let s): props.append(JSONMember(column, .string(s)))
            case .blob: continue
            }
        }
        return Feature(index: index, id: nil, properties: props, geometry: geometry)
    }
}

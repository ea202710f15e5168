import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

extension GeoPackageStore {
    /// Calls `body` with every feature of the layer that the filter selects, in fid order, streamed from one
    /// read snapshot.
    func forEachFeature(_ layer: Layer, filter: ParcelFilter, _ body: (StoredFeature) throws -> Void) throws {
        let (sql, args, properties) = Self.exportQuery(ExportOptions(layer: layer, filter: filter))
        do {
            try db.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: args)
                while let row = try rows.next() {
                    let id: String = row["export_id"]
                    let geometry = try (row["geom"] as Data).withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
                    let parcelID: String = layer == .parcels ? id : row["parcel_id"]
                    try body(StoredFeature(id: id, parcelID: parcelID, geometry: geometry, columns: properties(row),
                                           properties: row["properties"]))
                }
            }
        } catch {
            throw StoreFailure.map(error, path: path)
        }
    }

    /// The layer's query (id as `export_id`, its columns, `properties` and `geom`) and how a row's columns
    /// become GeoJSON properties.
    static func exportQuery(_ o: ExportOptions) -> (String, StatementArguments, (Row) -> [JSONMember]) {
        switch o.layer {
        case .parcels:
            let (whereSQL, args) = o.filter.sql
            return ("""
                SELECT parcel_id AS export_id, name, zone, land_use, status, disposal_method, cadastral_area_m2,
                  ellipsoidal_area_m2, properties, geom FROM parcels \(whereSQL) ORDER BY fid
                """, args, exportProperties)
        case .buildings:
            return ("""
                SELECT b.building_id AS export_id, b.parcel_id, b.name, b.floor_area_m2, b.storeys, b.clear_height_m,
                  b.floor_load_kn_m2, b.power_kva, b.crane_t, b.structure, b.year_built, b.standard_factory,
                  b.vacant_floor_area_m2, b.rent_yuan_m2_month, b.available_from, b.status, b.disposal_method,
                  b.footprint_area_m2, b.footprint_ellipsoidal_area_m2, b.properties, b.geom
                FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id
                WHERE (?1 IS NULL OR b.status = ?1) AND (?2 IS NULL OR p.zone = ?2) ORDER BY b.fid
                """, [o.filter.status?.rawValue, o.filter.zone], columnProperties)
        }
    }

    /// Every column between the id and `properties`, by its stored type; `standard_factory` as a boolean.
    static func columnProperties(_ row: Row) -> [JSONMember] {
        var out: [JSONMember] = []
        for (column, value) in row where column != "export_id" && column != "properties" && column != "geom" {
            let v: JSONValue
            switch value.storage {
            case .null: v = .null
            case .int64(let i): v = column == "standard_factory" ? .bool(i != 0) : .number(String(i))
            case .double(let d): v = d.isFinite ? .number("\(d)") : .null
            case .string(let t): v = .string(t)
            case .blob: continue
            }
            out.append(JSONMember(column, v))
        }
        return out
    }

    static func exportProperties(_ row: Row) -> [JSONMember] {
        func text(_ i: Int) -> JSONValue { (row[i] as String?).map(JSONValue.string) ?? .null }
        let cad: Double? = row[6]
        let ell: Double = row[7]
        return [
            JSONMember("name", text(1)), JSONMember("zone", text(2)), JSONMember("land_use", text(3)),
            JSONMember("status", text(4)), JSONMember("disposal_method", text(5)),
            JSONMember("cadastral_area_m2", cad.map { GeoJSONWriter.number($0, decimals: 4) } ?? .null),
            JSONMember("cadastral_area_mu", cad.map { GeoJSONWriter.number(AreaUnit.mu.fromSquareMetres($0), decimals: 6) } ?? .null),
            JSONMember("ellipsoidal_area_m2", GeoJSONWriter.number(ell, decimals: 4)),
            JSONMember("ellipsoidal_area_mu", GeoJSONWriter.number(AreaUnit.mu.fromSquareMetres(ell), decimals: 6)),
        ]
    }
}

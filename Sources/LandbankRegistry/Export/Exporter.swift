import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

/// The feature layers of a registry.
public enum Layer: String, CaseIterable, Sendable {
    case parcels, buildings
}

public struct ExportOptions: Sendable {
    public var layer: Layer
    /// For buildings: the status is the building's own, the zone its parcel's.
    public var filter: ParcelFilter
    /// Keep coordinates in this CRS and name it in a `crs` member; nil writes RFC 7946 WGS 84 lon/lat.
    public var crs: String?
    /// Decimals of coordinates: default 7 for lon/lat (about 1 cm), 3 for metres; at most `maximumDecimals`.
    public var decimals: Int?

    /// The most decimals the coordinate writer formats (`DecimalFormat` in LandbankGeometry checks the same bound):
    /// a double carries at most 17 significant digits, so more decimals mean nothing.
    public static let maximumDecimals = 17

    public init(layer: Layer = .parcels, filter: ParcelFilter = ParcelFilter(), crs: String? = nil, decimals: Int? = nil) {
        self.layer = layer
        self.filter = filter
        self.crs = crs
        self.decimals = decimals
    }
}

extension Registry {
    /// Writes the parcels (or buildings) matching the filter as a GeoJSON FeatureCollection to `path` ("-" for
    /// standard output), streaming. A file is written beside its target and renamed over it when complete; the
    /// registry itself, any SQLite file, and anything that is not a regular file are refused (`OutputTarget`).
    /// Returns the number of features written.
    @discardableResult
    public func export(to path: String, options: ExportOptions = ExportOptions(),
                       progress: ((Int) -> Void)? = nil) throws -> Int {
        if let d = options.decimals, !(0...ExportOptions.maximumDecimals).contains(d) {
            throw RegistryError(path: path, kind: .invalidArgument,
                                "\(d) decimals: coordinates are written with 0 to \(ExportOptions.maximumDecimals) decimals")
        }
        let target = try makeCRS(options.crs ?? "EPSG:4326")
        let rfc7946 = options.crs == nil
        let transform = try Transformation(from: crs, to: target)
        let decimals = options.decimals ?? (target.kind == .geographic ? 7 : 3)
        let crsName = rfc7946 ? nil : target.code.map { "urn:ogc:def:crs:\(target.authority ?? "EPSG")::\($0)" } ?? target.definition

        let output = try OutputFile(path: path, registry: self.path)
        var writer = GeoJSONWriter(decimals: decimals, crsName: crsName, name: options.layer.rawValue) { try output.write($0) }
        let (sql, args, properties) = Self.exportQuery(options)
        do {
            try db.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: args)
                while let row = try rows.next() {
                    let id: String = row["export_id"]
                    let geometry = try Self.exportGeometry(row, transform: transform, id: id)
                    try writer.write(id: id, properties: properties(row), rawProperties: row["properties"], geometry: geometry)
                    if writer.count % 10_000 == 0 { progress?(writer.count) }
                }
            }
            try writer.finish()
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        return writer.count
    }

    /// The stored geometry in the export CRS, RFC 7946 winding, a one-part multipolygon written as a Polygon.
    static func exportGeometry(_ row: Row, transform: Transformation, id: String) throws -> Geometry {
        let decoded: Geometry? = try (row["geom"] as Data).withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
        guard let stored = decoded else { throw RegistryError(path: id, "parcel has an empty geometry") }
        let multi = try transform.transform(stored).asMultiPolygon.orientedRFC7946()
        return multi.polygons.count == 1 ? .polygon(multi.polygons[0]) : .multiPolygon(multi)
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

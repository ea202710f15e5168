import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

public struct ExportOptions: Sendable {
    public var filter: ParcelFilter
    /// Keep coordinates in this CRS and name it in a `crs` member; nil writes RFC 7946 WGS 84 lon/lat.
    public var crs: String?
    /// Decimals of coordinates: default 7 for lon/lat (about 1 cm), 3 for metres.
    public var decimals: Int?

    public init(filter: ParcelFilter = ParcelFilter(), crs: String? = nil, decimals: Int? = nil) {
        self.filter = filter
        self.crs = crs
        self.decimals = decimals
    }
}

extension Registry {
    /// Writes the parcels matching the filter as a GeoJSON FeatureCollection to `path` ("-" for standard output),
    /// streaming. A file is written under a temporary name and renamed when complete.
    /// Returns the number of features written.
    @discardableResult
    public func exportParcels(to path: String, options: ExportOptions = ExportOptions(),
                              progress: ((Int) -> Void)? = nil) throws -> Int {
        let target = try makeCRS(options.crs ?? "EPSG:4326")
        let rfc7946 = options.crs == nil
        let transform = try Transformation(from: crs, to: target)
        let decimals = options.decimals ?? (target.kind == .geographic ? 7 : 3)
        let crsName = rfc7946 ? nil : target.code.map { "urn:ogc:def:crs:\(target.authority ?? "EPSG")::\($0)" } ?? target.definition

        let output = try OutputFile(path: path)
        var writer = GeoJSONWriter(decimals: decimals, crsName: crsName, name: "parcels") { try output.write($0) }
        let (whereSQL, args) = options.filter.sql
        do {
            try db.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2,
                      ellipsoidal_area_m2, properties, geom FROM parcels \(whereSQL) ORDER BY fid
                    """, arguments: args)
                while let row = try rows.next() {
                    let id: String = row[0]
                    let geometry = try Self.exportGeometry(row, transform: transform, id: id)
                    try writer.write(id: id, properties: Self.exportProperties(row), rawProperties: row[8], geometry: geometry)
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
        let decoded: Geometry? = try (row[9] as Data).withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
        guard let stored = decoded else { throw RegistryError(path: id, "parcel has an empty geometry") }
        let multi = try transform.transform(stored).asMultiPolygon.orientedRFC7946()
        return multi.polygons.count == 1 ? .polygon(multi.polygons[0]) : .multiPolygon(multi)
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

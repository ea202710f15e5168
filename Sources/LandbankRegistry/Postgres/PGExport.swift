import Foundation
import LandbankGeodesy
import LandbankGeometry

/// Features on their way out of PostgreSQL, in the same order and with the same columns as the GeoPackage
/// store gives them (`GeoPackageStore.exportQuery`): parcels by fid, buildings by fid.
extension PostGISStore {
    func forEachFeature(_ layer: Layer, filter: ParcelFilter, _ body: (StoredFeature) throws -> Void) throws {
        try mapped {
            try pool.read { c in
                let access = PGAccess(c: c, store: self)
                switch layer {
                case .parcels:
                    let (whereSQL, args) = PGAccess.filterSQL(filter)
                    try access.stream("""
                        SELECT \(PGRecords.parcelColumns), ST_AsBinary(geom) AS wkb FROM parcels WHERE \(whereSQL) ORDER BY fid
                        """, args) { r in
                        let p = PGRecords.parcel(r)
                        try body(StoredFeature(id: p.parcelID, parcelID: p.parcelID,
                                               geometry: .multiPolygon(try PGGeometry.multiPolygon(r, id: p.parcelID, location: location)),
                                               columns: Self.parcelMembers(p), properties: p.properties))
                    }
                case .buildings:
                    let (whereSQL, args) = PGAccess.filterSQL(filter, alias: "")
                    let conditions = whereSQL.replacingOccurrences(of: "status =", with: "b.status =")
                        .replacingOccurrences(of: "zone =", with: "p.zone =")
                    try access.stream("""
                        SELECT \(PGRecords.aliased(PGRecords.buildingColumns, "b")), ST_AsBinary(b.geom) AS wkb
                        FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id WHERE \(conditions) ORDER BY b.fid
                        """, args) { r in
                        let b = PGRecords.building(r)
                        try body(StoredFeature(id: b.buildingID, parcelID: b.parcelID,
                                               geometry: .multiPolygon(try PGGeometry.multiPolygon(r, id: b.buildingID, location: location)),
                                               columns: Self.buildingMembers(b), properties: b.properties))
                    }
                }
            }
        }
    }

    /// A parcel's export columns, as `GeoPackageStore.exportProperties` makes them.
    static func parcelMembers(_ p: Parcel) -> [JSONMember] {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        let cad = p.cadastralAreaM2, ell = p.ellipsoidalAreaM2
        return [
            JSONMember("name", text(p.name)), JSONMember("zone", text(p.zone)), JSONMember("land_use", text(p.landUse)),
            JSONMember("status", text(p.status?.rawValue)), JSONMember("disposal_method", text(p.disposalMethod?.rawValue)),
            JSONMember("cadastral_area_m2", cad.map { GeoJSONWriter.number($0, decimals: 4) } ?? .null),
            JSONMember("cadastral_area_mu", cad.map { GeoJSONWriter.number(AreaUnit.mu.fromSquareMetres($0), decimals: 6) } ?? .null),
            JSONMember("ellipsoidal_area_m2", GeoJSONWriter.number(ell, decimals: 4)),
            JSONMember("ellipsoidal_area_mu", GeoJSONWriter.number(AreaUnit.mu.fromSquareMetres(ell), decimals: 6)),
        ]
    }

    /// A building's export columns, as `GeoPackageStore.columnProperties` makes them from the stored row.
    static func buildingMembers(_ b: Building) -> [JSONMember] {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        func real(_ d: Double?) -> JSONValue { d.map { $0.isFinite ? .number("\($0)") : .null } ?? .null }
        func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
        return [
            JSONMember("parcel_id", .string(b.parcelID)), JSONMember("name", text(b.name)), JSONMember("floor_area_m2", real(b.floorAreaM2)),
            JSONMember("storeys", int(b.storeys)), JSONMember("clear_height_m", real(b.clearHeightM)),
            JSONMember("floor_load_kn_m2", real(b.floorLoadKNm2)), JSONMember("power_kva", real(b.powerKVA)),
            JSONMember("crane_t", real(b.craneT)), JSONMember("structure", text(b.structure?.rawValue)),
            JSONMember("year_built", int(b.yearBuilt)), JSONMember("standard_factory", .bool(b.standardFactory)),
            JSONMember("vacant_floor_area_m2", real(b.vacantFloorAreaM2)), JSONMember("rent_yuan_m2_month", real(b.rentYuanM2Month)),
            JSONMember("available_from", text(b.availableFrom?.description)), JSONMember("status", text(b.status?.rawValue)),
            JSONMember("disposal_method", text(b.disposalMethod?.rawValue)), JSONMember("footprint_area_m2", real(b.footprintAreaM2)),
            JSONMember("footprint_ellipsoidal_area_m2", real(b.footprintEllipsoidalAreaM2)),
        ]
    }
}

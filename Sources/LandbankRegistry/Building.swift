import Foundation
import GRDB
import LandbankGeometry
import LandbankLifecycle

/// A factory building (厂房) on a parcel, as stored.
public struct Building: Sendable, Encodable {
    public var buildingID: String
    public var parcelID: String
    public var name: String?
    public var floorAreaM2: Double
    public var storeys: Int?
    public var clearHeightM: Double?
    public var floorLoadKNm2: Double?
    public var powerKVA: Double?
    public var craneT: Double?
    public var structure: BuildingStructure?
    public var yearBuilt: Int?
    /// 标准厂房 — a standard factory building.
    public var standardFactory: Bool
    public var vacantFloorAreaM2: Double?
    public var rentYuanM2Month: Double?
    public var availableFrom: CivilDate?
    public var status: ParcelStatus?
    public var disposalMethod: DisposalMethod?
    /// Planar footprint area in the registry CRS and ellipsoidal footprint area, m² (computed, like parcels').
    public var footprintAreaM2: Double?
    public var footprintEllipsoidalAreaM2: Double
    public var properties: String

    enum CodingKeys: String, CodingKey {
        case buildingID = "building_id", parcelID = "parcel_id", name, floorAreaM2 = "floor_area_m2", storeys
        case clearHeightM = "clear_height_m", floorLoadKNm2 = "floor_load_kn_m2", powerKVA = "power_kva", craneT = "crane_t"
        case structure, yearBuilt = "year_built", standardFactory = "standard_factory"
        case vacantFloorAreaM2 = "vacant_floor_area_m2", rentYuanM2Month = "rent_yuan_m2_month", availableFrom = "available_from"
        case status, disposalMethod = "disposal_method", footprintAreaM2 = "footprint_area_m2"
        case footprintEllipsoidalAreaM2 = "footprint_ellipsoidal_area_m2", properties
    }

    static let columns = """
        building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m, floor_load_kn_m2, power_kva, crane_t,
        structure, year_built, standard_factory, vacant_floor_area_m2, rent_yuan_m2_month, available_from, status,
        disposal_method, footprint_area_m2, footprint_ellipsoidal_area_m2, properties
        """

    init(row: Row) {
        buildingID = row["building_id"]
        parcelID = row["parcel_id"]
        name = row["name"]
        floorAreaM2 = row["floor_area_m2"]
        storeys = row["storeys"]
        clearHeightM = row["clear_height_m"]
        floorLoadKNm2 = row["floor_load_kn_m2"]
        powerKVA = row["power_kva"]
        craneT = row["crane_t"]
        structure = (row["structure"] as String?).flatMap(BuildingStructure.init(rawValue:))
        yearBuilt = row["year_built"]
        standardFactory = row["standard_factory"]
        vacantFloorAreaM2 = row["vacant_floor_area_m2"]
        rentYuanM2Month = row["rent_yuan_m2_month"]
        availableFrom = (row["available_from"] as String?).flatMap(CivilDate.init)
        status = (row["status"] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:))
        footprintAreaM2 = row["footprint_area_m2"]
        footprintEllipsoidalAreaM2 = row["footprint_ellipsoidal_area_m2"]
        properties = row["properties"]
    }
}

/// Floor space of a set of buildings: total, vacant, and how many are standard factories.
public struct FloorSpaceTotals: Sendable, Encodable {
    public var buildings = 0
    public var floorAreaM2 = 0.0
    public var vacantFloorAreaM2 = 0.0
    public var standardFactories = 0

    enum CodingKeys: String, CodingKey {
        case buildings, floorAreaM2 = "floor_area_m2", vacantFloorAreaM2 = "vacant_floor_area_m2"
        case standardFactories = "standard_factories"
    }
}

extension Registry {
    /// Buildings with the filter's status (the building's own) on parcels in its zone, or on one parcel.
    public func buildings(_ filter: ParcelFilter = ParcelFilter(), parcelID: String? = nil, limit: Int? = nil) throws -> [Building] {
        let columns = Building.columns.split(separator: ",").map { "b." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(columns.joined(separator: ", "))
                FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id
                WHERE (?1 IS NULL OR b.status = ?1) AND (?2 IS NULL OR p.zone = ?2) AND (?3 IS NULL OR b.parcel_id = ?3)
                ORDER BY b.building_id \(limit.map { "LIMIT \($0)" } ?? "")
                """, arguments: [filter.status?.rawValue, filter.zone, parcelID]).map(Building.init(row:))
        }
    }

    public func building(id: String) throws -> Building? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Building.columns) FROM buildings WHERE building_id = ?", arguments: [id]).map(Building.init(row:))
        }
    }

    /// Floor space overall and by the buildings' own status.
    public func floorSpace(_ filter: ParcelFilter = ParcelFilter()) throws -> (total: FloorSpaceTotals, byStatus: [(key: String, totals: FloorSpaceTotals)]) {
        var total = FloorSpaceTotals()
        var byStatus: [String: FloorSpaceTotals] = [:]
        for b in try buildings(filter) {
            for key in [nil, b.status?.rawValue ?? RegistryStats.noStatus] as [String?] {
                var t = key.map { byStatus[$0] ?? FloorSpaceTotals() } ?? total
                t.buildings += 1
                t.floorAreaM2 += b.floorAreaM2
                t.vacantFloorAreaM2 += b.vacantFloorAreaM2 ?? 0
                if b.standardFactory { t.standardFactories += 1 }
                if let key { byStatus[key] = t } else { total = t }
            }
        }
        return (total, byStatus.map { ($0.key, $0.value) }.sorted { $0.key < $1.key })
    }
}

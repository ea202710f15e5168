import Foundation
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
        try store.read { try $0.buildings(filter, parcelID: parcelID, limit: limit) }
    }

    public func building(id: String) throws -> Building? {
        try store.read { try $0.building(id: id) }
    }

    /// Floor space overall and by the buildings' own status.
    public func floorSpace(_ filter: ParcelFilter = ParcelFilter()) throws -> (total: FloorSpaceTotals, byStatus: [(key: String, totals: FloorSpaceTotals)]) {
        try floorSpace(filter, parcels: nil)
    }

    /// Floor space of the buildings the filter selects (status: the building's own), only on `parcels` when given.
    func floorSpace(_ filter: ParcelFilter, parcels on: Set<String>?) throws
        -> (total: FloorSpaceTotals, byStatus: [(key: String, totals: FloorSpaceTotals)]) {
        var total = FloorSpaceTotals()
        var byStatus: [String: FloorSpaceTotals] = [:]
        for b in try buildings(filter) where on.map({ $0.contains(b.parcelID) }) ?? true {
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

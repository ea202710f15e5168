import LandbankGeometry
import LandbankLifecycle

/// A building's columns from an input feature: the parcel it stands on, floor space and what an investor
/// asks about (clear height, floor load, power, crane), standard-factory flag, vacancy and rent.
struct BuildingAttributes {
    var buildingID: String
    var parcelID: String
    var name: String?
    /// Total floor area (建筑面积) as surveyed, m²: a building attribute, not a geometric area.
    var floorArea: Double
    var storeys: Int?
    var clearHeight: Double?
    var floorLoad: Double?
    var powerKVA: Double?
    var craneTonnes: Double?
    var structure: BuildingStructure?
    var yearBuilt: Int?
    /// 标准厂房 — standard factory building.
    var standardFactory: Bool
    var vacantFloorArea: Double?
    var rent: Double?
    var availableFrom: CivilDate?
    var status: ParcelStatus?
    var disposalMethod: DisposalMethod?
    var statusDate: CivilDate?
    var otherProperties: String

    static let idKeys = ["id", "code", "building_id"]

    init(_ feature: Feature, idField: String?) throws(ImportError.Reason) {
        var v = AttributeValues(feature.properties)
        buildingID = try ParcelAttributes.featureID(feature, &v, idField: idField, keys: Self.idKeys)
        guard let parcel = try v.text("parcel_id", limit: FeatureLimits.idCharacters) else {
            throw .badAttribute("a building needs the \"parcel_id\" of the parcel it stands on")
        }
        parcelID = parcel
        name = try v.text("name")
        guard let floor = try v.number("floor_area_m2") else {
            throw .badAttribute("a building needs its floor area, \"floor_area_m2\"")
        }
        guard floor >= 0 else { throw .badAttribute("floor_area_m2 is negative") }
        floorArea = floor
        storeys = try v.integer("storeys")
        clearHeight = try v.number("clear_height_m")
        floorLoad = try v.number("floor_load_kn_m2")
        powerKVA = try v.number("power_kva")
        craneTonnes = try v.number("crane_t")
        if let s = try v.text("structure") {
            guard let st = BuildingStructure(rawValue: s) else {
                throw .badAttribute("unknown structure \(DisplayText.quoted(s)); use one of: " + BuildingStructure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            structure = st
        }
        yearBuilt = try v.integer("year_built")
        standardFactory = try v.bool("standard_factory") ?? false
        vacantFloorArea = try v.number("vacant_floor_area_m2")
        if let vacant = vacantFloorArea, vacant < 0 || vacant > floor {
            throw .badAttribute("vacant_floor_area_m2 \(vacant) is outside 0…floor_area_m2 (\(floor))")
        }
        rent = try v.number("rent_yuan_m2_month")
        availableFrom = try v.date("available_from")
        status = try v.status()
        disposalMethod = try v.disposalMethod()
        statusDate = try v.statusDate()
        otherProperties = try v.json()
    }
}

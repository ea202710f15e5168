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

    /// Reads every field, noting each problem in `problems`; the values of fields with a problem are left empty.
    init(_ feature: Feature, idField: String?, problems: inout [FeatureProblem]) {
        typealias R = ImportError.Reason
        var v = AttributeValues(feature.properties)
        buildingID = ParcelAttributes.readID(feature, &v, idField: idField, keys: Self.idKeys, &problems)
        let parcel = v.field("parcel_id", &problems) { v throws(R) in try v.text("parcel_id", limit: FeatureLimits.idCharacters) }
        if parcel == nil, !problems.contains(where: { $0.field == "parcel_id" }) {
            problems.append(FeatureProblem(.badAttribute("a building needs the \"parcel_id\" of the parcel it stands on"),
                                           rule: .missingAttribute, field: "parcel_id"))
        }
        parcelID = parcel ?? ""
        name = v.field("name", &problems) { v throws(R) in try v.text("name") }
        let floor = v.field("floor_area_m2", rule: .badNumber, &problems) { v throws(R) in try v.number("floor_area_m2") }
        if let floor, floor < 0 {
            problems.append(FeatureProblem(.badAttribute("floor_area_m2 is negative"), rule: .badNumber, field: "floor_area_m2", value: "\(floor)"))
        } else if floor == nil, !problems.contains(where: { $0.field == "floor_area_m2" }) {
            problems.append(FeatureProblem(.badAttribute("a building needs its floor area, \"floor_area_m2\""),
                                           rule: .missingAttribute, field: "floor_area_m2"))
        }
        floorArea = floor ?? 0
        storeys = v.field("storeys", rule: .badNumber, &problems) { v throws(R) in try v.integer("storeys") }
        clearHeight = v.field("clear_height_m", rule: .badNumber, &problems) { v throws(R) in try v.number("clear_height_m") }
        floorLoad = v.field("floor_load_kn_m2", rule: .badNumber, &problems) { v throws(R) in try v.number("floor_load_kn_m2") }
        powerKVA = v.field("power_kva", rule: .badNumber, &problems) { v throws(R) in try v.number("power_kva") }
        craneTonnes = v.field("crane_t", rule: .badNumber, &problems) { v throws(R) in try v.number("crane_t") }
        structure = v.field("structure", &problems) { v throws(R) -> BuildingStructure? in
            guard let s = try v.text("structure") else { return nil }
            guard let st = BuildingStructure(rawValue: s) else {
                throw .badAttribute("unknown structure \(DisplayText.quoted(s)); use one of: " + BuildingStructure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return st
        }
        yearBuilt = v.field("year_built", rule: .badNumber, &problems) { v throws(R) in try v.integer("year_built") }
        standardFactory = v.field("standard_factory", &problems) { v throws(R) in try v.bool("standard_factory") } ?? false
        vacantFloorArea = v.field("vacant_floor_area_m2", rule: .badNumber, &problems) { v throws(R) in try v.number("vacant_floor_area_m2") }
        if let vacant = vacantFloorArea, let floor, vacant < 0 || vacant > floor {
            problems.append(FeatureProblem(.badAttribute("vacant_floor_area_m2 \(vacant) is outside 0…floor_area_m2 (\(floor))"),
                                           rule: .badNumber, field: "vacant_floor_area_m2", value: "\(vacant)"))
        }
        rent = v.field("rent_yuan_m2_month", rule: .badNumber, &problems) { v throws(R) in try v.number("rent_yuan_m2_month") }
        availableFrom = v.field("available_from", rule: .badDate, &problems) { v throws(R) in try v.date("available_from") }
        status = v.field("status", &problems) { v throws(R) in try v.status() }
        disposalMethod = v.field("disposal_method", &problems) { v throws(R) in try v.disposalMethod() }
        statusDate = v.field("status_date", rule: .badDate, &problems) { v throws(R) in try v.date("status_date") }
            ?? v.field("disposed_on", rule: .badDate, &problems) { v throws(R) in try v.keptDate("disposed_on") }
        otherProperties = v.field("properties", &problems) { v throws(R) in try v.json() } ?? "{}"
    }
}

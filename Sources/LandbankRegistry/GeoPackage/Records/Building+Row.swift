import GRDB
import LandbankLifecycle

/// A building row of the GeoPackage, decoded in this one place.
extension Building {
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

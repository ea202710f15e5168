import GRDB
import LandbankLifecycle

/// A building row of the GeoPackage, decoded in this one place.
extension Building {
    static let columns = """
        building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m, floor_load_kn_m2, power_kva, crane_t,
        structure, year_built, standard_factory, vacant_floor_area_m2, rent_yuan_m2_month, available_from, status,
        disposal_method, footprint_area_m2, footprint_ellipsoidal_area_m2, properties
        """

    /// Decodes a row that begins with `columns`, in that order (every SELECT that decodes a building puts them
    /// first): by position, as `Parcel(row:)`.
    init(row: Row) {
        assert(row.columnNames.prefix(2).elementsEqual(["building_id", "parcel_id"]), "a building row begins with Building.columns")
        buildingID = row[0]
        parcelID = row[1]
        name = row[2]
        floorAreaM2 = row[3]
        storeys = row[4]
        clearHeightM = row[5]
        floorLoadKNm2 = row[6]
        powerKVA = row[7]
        craneT = row[8]
        structure = (row[9] as String?).flatMap(BuildingStructure.init(rawValue:))
        yearBuilt = row[10]
        standardFactory = row[11]
        vacantFloorAreaM2 = row[12]
        rentYuanM2Month = row[13]
        availableFrom = (row[14] as String?).flatMap(CivilDate.init)
        status = (row[15] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row[16] as String?).flatMap(DisposalMethod.init(rawValue:))
        footprintAreaM2 = row[17]
        footprintEllipsoidalAreaM2 = row[18]
        properties = row[19]
    }
}

import LandbankLifecycle

/// The fields a parcel's and a building's re-delivered ledger entry are compared on, in column order.
extension LedgerUpdate {
    init(stored p: Parcel, digest: String?, new a: ParcelAttributes, output: FeatureProcessor.Output) {
        let attributes = [
            FieldChange.of("name", p.name, a.name),
            FieldChange.of("zone", p.zone, a.zone),
            FieldChange.of("land_use", p.landUse, a.landUse),
        ].compactMap { $0 }
        self.init(Subject(.parcel, p.parcelID), attributes: attributes,
                  properties: FieldChange.properties(p.properties, a.otherProperties),
                  stored: (p.status, p.disposalMethod), given: (a.status, a.disposalMethod),
                  storedDigest: digest, storedArea: p.cadastralAreaM2 ?? p.ellipsoidalAreaM2, output: output)
    }

    init(stored b: Building, digest: String?, new a: BuildingAttributes, output: FeatureProcessor.Output) {
        let attributes = [
            FieldChange.of("parcel_id", b.parcelID, a.parcelID),
            FieldChange.of("name", b.name, a.name),
            FieldChange.of("floor_area_m2", b.floorAreaM2, a.floorArea),
            FieldChange.of("storeys", b.storeys, a.storeys),
            FieldChange.of("clear_height_m", b.clearHeightM, a.clearHeight),
            FieldChange.of("floor_load_kn_m2", b.floorLoadKNm2, a.floorLoad),
            FieldChange.of("power_kva", b.powerKVA, a.powerKVA),
            FieldChange.of("crane_t", b.craneT, a.craneTonnes),
            FieldChange.of("structure", b.structure?.rawValue, a.structure?.rawValue),
            FieldChange.of("year_built", b.yearBuilt, a.yearBuilt),
            FieldChange.of("standard_factory", b.standardFactory, a.standardFactory),
            FieldChange.of("vacant_floor_area_m2", b.vacantFloorAreaM2, a.vacantFloorArea),
            FieldChange.of("rent_yuan_m2_month", b.rentYuanM2Month, a.rent),
            FieldChange.of("available_from", b.availableFrom?.description, a.availableFrom?.description),
        ].compactMap { $0 }
        self.init(Subject(.building, b.buildingID), attributes: attributes,
                  properties: FieldChange.properties(b.properties, a.otherProperties),
                  stored: (b.status, b.disposalMethod), given: (a.status, a.disposalMethod),
                  storedDigest: digest, storedArea: b.footprintAreaM2 ?? b.footprintEllipsoidalAreaM2, output: output)
    }

    /// Whether the building's footprint must be checked against its parcel again (moved, or on another parcel).
    var movesFootprint: Bool { geometryDetail != nil || attributes.contains { $0.field == "parcel_id" } }
}

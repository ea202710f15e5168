import Foundation
import LandbankGeometry
import LandbankLifecycle

/// The registry's records as PostgreSQL rows, decoded in this one place (the columns are `PGSchema`'s).
enum PGRecords {
    static let parcelColumns = "fid, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2, ellipsoidal_area_m2, properties, imported_at, geom_sha256"

    static let buildingColumns = """
        building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m, floor_load_kn_m2, power_kva, crane_t,
        structure, year_built, standard_factory, vacant_floor_area_m2, rent_yuan_m2_month, available_from, status,
        disposal_method, footprint_area_m2, footprint_ellipsoidal_area_m2, properties
        """

    static let eventColumns = "id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen, recorded_by, note, corrects, recorded_at"

    static let contractColumns = """
        parcel_id, contract_no, holder, land_price_fen, agreed_start, agreed_completion, actual_start, stopped_on,
        developed_area_m2, total_area_m2, investment_made_fen, total_investment_fen, delay_cause, delay_note, terminated_on
        """

    /// `columns` with each name prefixed by `alias.`.
    static func aliased(_ columns: String, _ alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }.joined(separator: ", ")
    }

    static func parcel(_ r: PGRow) -> Parcel {
        Parcel(fid: r["fid"] ?? 0, parcelID: r["parcel_id"] ?? "", name: r["name"], zone: r["zone"], landUse: r["land_use"],
               status: (r["status"] as String?).flatMap(ParcelStatus.init(rawValue:)),
               disposalMethod: (r["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:)),
               cadastralAreaM2: r["cadastral_area_m2"], ellipsoidalAreaM2: r["ellipsoidal_area_m2"] ?? .nan,
               properties: r["properties"] ?? "{}", importedAt: r["imported_at"] ?? "",
               // Landbank writes the digest with every geometry it measures.
               areasStale: (r["geom_sha256"] as String?) == nil)
    }

    static func building(_ r: PGRow) -> Building {
        Building(buildingID: r["building_id"] ?? "", parcelID: r["parcel_id"] ?? "", name: r["name"],
                 floorAreaM2: r["floor_area_m2"] ?? 0, storeys: r["storeys"], clearHeightM: r["clear_height_m"],
                 floorLoadKNm2: r["floor_load_kn_m2"], powerKVA: r["power_kva"], craneT: r["crane_t"],
                 structure: (r["structure"] as String?).flatMap(BuildingStructure.init(rawValue:)), yearBuilt: r["year_built"],
                 standardFactory: (r["standard_factory"] as Int?) == 1, vacantFloorAreaM2: r["vacant_floor_area_m2"],
                 rentYuanM2Month: r["rent_yuan_m2_month"], availableFrom: (r["available_from"] as String?).flatMap(CivilDate.init),
                 status: (r["status"] as String?).flatMap(ParcelStatus.init(rawValue:)),
                 disposalMethod: (r["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:)),
                 footprintAreaM2: r["footprint_area_m2"], footprintEllipsoidalAreaM2: r["footprint_ellipsoidal_area_m2"] ?? .nan,
                 properties: r["properties"] ?? "{}")
    }

    /// An event as stored; nil for a row that the schema's CHECKs would not have admitted (with them dropped).
    static func event(_ r: PGRow) -> HistoryEvent? {
        guard let id: Int64 = r["id"], let kind = (r["subject"] as String?).flatMap(Subject.Kind.init(rawValue:)),
              let subjectID: String = r["subject_id"], let date = (r["event_date"] as String?).flatMap(CivilDate.init),
              let eventKind = (r["kind"] as String?).flatMap(EventKind.init(rawValue:)) else { return nil }
        return HistoryEvent(id: id, subject: Subject(kind, subjectID), date: date, kind: eventKind,
                            status: (r["status"] as String?).flatMap(ParcelStatus.init(rawValue:)),
                            disposalMethod: (r["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:)),
                            legalBasis: r["legal_basis"], amount: (r["amount_fen"] as Int64?).map(Money.init(fen:)),
                            recordedBy: r["recorded_by"] ?? "", note: r["note"], corrects: r["corrects"], recordedAt: r["recorded_at"] ?? "")
    }

    static func contract(_ r: PGRow) -> StoredContract? {
        func date(_ c: String) -> CivilDate? { (r[c] as String?).flatMap(CivilDate.init) }
        guard let start = date("agreed_start") else { return nil }
        let c = SupplyContract(
            contractNumber: r["contract_no"] ?? "", holder: r["holder"] ?? "", landPrice: Money(fen: r["land_price_fen"] ?? 0),
            agreedStart: start, agreedCompletion: date("agreed_completion"), actualStart: date("actual_start"),
            stoppedOn: date("stopped_on"), developedArea: r["developed_area_m2"], totalArea: r["total_area_m2"],
            investmentMade: (r["investment_made_fen"] as Int64?).map(Money.init(fen:)),
            totalInvestment: (r["total_investment_fen"] as Int64?).map(Money.init(fen:)),
            delayCause: (r["delay_cause"] as String?).flatMap(DelayCause.init(rawValue:)), delayNote: r["delay_note"])
        return StoredContract(parcelID: r["parcel_id"] ?? "", contract: c, terminatedOn: date("terminated_on"))
    }

    static func contractValues(_ s: StoredContract) -> [PGEncodable?] {
        let c = s.contract
        return [s.parcelID, c.contractNumber, c.holder, c.landPrice.fen, c.agreedStart.description,
                c.agreedCompletion?.description, c.actualStart?.description, c.stoppedOn?.description,
                c.developedArea, c.totalArea, c.investmentMade?.fen, c.totalInvestment?.fen,
                c.delayCause?.rawValue, c.delayNote, s.terminatedOn?.description]
    }
}

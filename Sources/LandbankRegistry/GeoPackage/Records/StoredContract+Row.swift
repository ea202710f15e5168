import GRDB
import LandbankLifecycle

/// A contract row of the GeoPackage, decoded and encoded in this one place.
extension StoredContract {
    static let columns = """
        parcel_id, contract_no, holder, land_price_fen, agreed_start, agreed_completion, actual_start, stopped_on,
        developed_area_m2, total_area_m2, investment_made_fen, total_investment_fen, delay_cause, delay_note, terminated_on
        """

    init(row: Row) {
        func date(_ c: String) -> CivilDate? { (row[c] as String?).flatMap(CivilDate.init) }
        parcelID = row["parcel_id"]
        // `agreed_start` is NOT NULL and landbank writes it only from a parsed `CivilDate`; an outside edit to a
        // malformed date would stop here (a known gap: the contracts table has no CHECK on its dates yet).
        contract = SupplyContract(
            contractNumber: row["contract_no"], holder: row["holder"], landPrice: Money(fen: row["land_price_fen"]),
            agreedStart: date("agreed_start")!, agreedCompletion: date("agreed_completion"),
            actualStart: date("actual_start"), stoppedOn: date("stopped_on"),
            developedArea: row["developed_area_m2"], totalArea: row["total_area_m2"],
            investmentMade: (row["investment_made_fen"] as Int64?).map(Money.init(fen:)),
            totalInvestment: (row["total_investment_fen"] as Int64?).map(Money.init(fen:)),
            delayCause: (row["delay_cause"] as String?).flatMap(DelayCause.init(rawValue:)), delayNote: row["delay_note"])
        terminatedOn = date("terminated_on")
    }

    var arguments: StatementArguments {
        let c = contract
        return [parcelID, c.contractNumber, c.holder, c.landPrice.fen, c.agreedStart.description,
                c.agreedCompletion?.description, c.actualStart?.description, c.stoppedOn?.description,
                c.developedArea, c.totalArea, c.investmentMade?.fen, c.totalInvestment?.fen,
                c.delayCause?.rawValue, c.delayNote, terminatedOn?.description]
    }
}

import GRDB
import LandbankLifecycle

/// A supply contract as the registry keeps it: the facts the idle-land rules read, and when it ended.
public struct StoredContract: Sendable, Encodable {
    public var parcelID: String
    public var contract: SupplyContract
    /// Set when the land use right was recovered (the recovery event's date).
    public var terminatedOn: CivilDate?

    enum CodingKeys: String, CodingKey { case parcelID = "parcel_id", contract, terminatedOn = "terminated_on" }

    public init(parcelID: String, contract: SupplyContract, terminatedOn: CivilDate? = nil) {
        self.parcelID = parcelID
        self.contract = contract
        self.terminatedOn = terminatedOn
    }

    static let columns = """
        parcel_id, contract_no, holder, land_price_fen, agreed_start, agreed_completion, actual_start, stopped_on,
        developed_area_m2, total_area_m2, investment_made_fen, total_investment_fen, delay_cause, delay_note, terminated_on
        """

    init(row: Row) {
        func date(_ c: String) -> CivilDate? { (row[c] as String?).flatMap(CivilDate.init) }
        parcelID = row["parcel_id"]
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

extension Registry {
    /// Records a parcel's supply contract, or updates the one with the same number. Each change is also an
    /// event in the parcel's history, whose note lists what changed, so no earlier figure is lost.
    public func setContract(parcelID: String, _ contract: SupplyContract, recordedBy: String,
                            date: CivilDate = .today()) throws {
        try write { db in
            try Self.setContract(parcelID: parcelID, contract, recordedBy: recordedBy, date: date, chain: try HistoryChain(db), in: db)
        }
    }

    /// Records many contracts in one transaction: all or none.
    public func setContracts(_ contracts: [(parcelID: String, contract: SupplyContract)], recordedBy: String,
                             date: CivilDate = .today()) throws {
        try write { db in
            let chain = try HistoryChain(db)
            for c in contracts {
                try Self.setContract(parcelID: c.parcelID, c.contract, recordedBy: recordedBy, date: date, chain: chain, in: db)
            }
        }
    }

    static func setContract(parcelID: String, _ c: SupplyContract, recordedBy: String, date: CivilDate, chain: HistoryChain,
                            in db: Database) throws {
        let subject = Subject(.parcel, parcelID)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM parcels WHERE parcel_id = ?", arguments: [parcelID]) == true else {
            throw LifecycleError(subject, "no such parcel in the registry", notFound: true)
        }
        let old = try Row.fetchOne(db, sql: "SELECT \(StoredContract.columns) FROM contracts WHERE parcel_id = ? AND contract_no = ?",
                                   arguments: [parcelID, c.contractNumber]).map(StoredContract.init(row:))
        // A contract recorded after the land was recovered ends on the first recovery after its agreed start,
        // so the order in which contracts and history are entered does not matter.
        let recovered = try String.fetchOne(db, sql: """
            SELECT min(event_date) FROM events WHERE subject = 'parcel' AND subject_id = ? AND status = 'recovered'
              AND event_date >= ?
            """, arguments: [parcelID, c.agreedStart.description]).flatMap(CivilDate.init)
        let stored = StoredContract(parcelID: parcelID, contract: c, terminatedOn: old?.terminatedOn ?? recovered)
        let note: String
        if let old {
            let changes = Self.differences(old.contract, c)
            if changes.isEmpty { return }
            note = "contract \(c.contractNumber) updated: " + changes.joined(separator: "; ")
            try db.execute(sql: "DELETE FROM contracts WHERE parcel_id = ? AND contract_no = ?", arguments: [parcelID, c.contractNumber])
        } else {
            note = "contract \(c.contractNumber) recorded: holder \(c.holder), land price \(c.landPrice) yuan, agreed start \(c.agreedStart)"
        }
        try db.execute(sql: "INSERT INTO contracts (\(StoredContract.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: stored.arguments)
        _ = try append(NewEvent(subject: subject, date: date, recordedBy: recordedBy, note: note), kind: .contract, chain: chain, in: db)
    }

    /// "field: old → new" for every fact that differs.
    static func differences(_ a: SupplyContract, _ b: SupplyContract) -> [String] {
        func text<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "—" }
        let pairs: [(String, String, String)] = [
            ("holder", a.holder, b.holder), ("land price", "\(a.landPrice)", "\(b.landPrice)"),
            ("agreed start", "\(a.agreedStart)", "\(b.agreedStart)"),
            ("agreed completion", text(a.agreedCompletion), text(b.agreedCompletion)),
            ("actual start", text(a.actualStart), text(b.actualStart)), ("stopped on", text(a.stoppedOn), text(b.stoppedOn)),
            ("developed area", text(a.developedArea), text(b.developedArea)), ("total area", text(a.totalArea), text(b.totalArea)),
            ("investment made", text(a.investmentMade), text(b.investmentMade)),
            ("total investment", text(a.totalInvestment), text(b.totalInvestment)),
            ("delay cause", text(a.delayCause?.rawValue), text(b.delayCause?.rawValue)), ("delay note", text(a.delayNote), text(b.delayNote)),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1) → \($0.2)" }
    }

    public func contracts(parcelID: String? = nil) throws -> [StoredContract] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT \(StoredContract.columns) FROM contracts WHERE ?1 IS NULL OR parcel_id = ?1 ORDER BY parcel_id, contract_no",
                             arguments: [parcelID]).map(StoredContract.init(row:))
        }
    }
}

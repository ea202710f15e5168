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

    /// Not ended by a recovery, and begun on or before `date`.
    func inForce(on date: CivilDate) -> Bool {
        terminatedOn == nil && contract.agreedStart <= date
    }

}

extension Registry {
    /// Records a parcel's supply contract, or updates the one with the same number. Each change is also an
    /// event in the parcel's history, whose note lists what changed, so no earlier figure is lost.
    public func setContract(parcelID: String, _ contract: SupplyContract, recordedBy: String,
                            date: CivilDate = .today()) throws {
        try store.write { w in try Self.setContract(parcelID: parcelID, contract, recordedBy: recordedBy, date: date, in: w) }
    }

    /// Records many contracts in one transaction: all or none.
    public func setContracts(_ contracts: [(parcelID: String, contract: SupplyContract)], recordedBy: String,
                             date: CivilDate = .today()) throws {
        try store.write { w in
            for c in contracts {
                try Self.setContract(parcelID: c.parcelID, c.contract, recordedBy: recordedBy, date: date, in: w)
            }
        }
    }

    static func setContract(parcelID: String, _ c: SupplyContract, recordedBy: String, date: CivilDate,
                            in w: any StoreWriter) throws {
        let subject = Subject(.parcel, parcelID)
        guard try w.subjectExists(subject) else {
            throw LifecycleError(subject, "no such parcel in the registry", notFound: true)
        }
        let old = try w.contracts(parcelID: parcelID).first { $0.contract.contractNumber == c.contractNumber }
        // A contract recorded after the land was recovered ends on the first recovery after its agreed start,
        // so the order in which contracts and history are entered does not matter.
        let recovered = try w.events(of: subject).filter { $0.status == .recovered && $0.date >= c.agreedStart }.map(\.date).min()
        let stored = StoredContract(parcelID: parcelID, contract: c, terminatedOn: old?.terminatedOn ?? recovered)
        let note: String
        if let old {
            let changes = Self.differences(old.contract, c)
            if changes.isEmpty { return }
            note = "contract \(c.contractNumber) updated: " + changes.joined(separator: "; ")
        } else {
            note = "contract \(c.contractNumber) recorded: holder \(c.holder), land price \(c.landPrice) yuan, agreed start \(c.agreedStart)"
        }
        try w.putContract(stored)
        _ = try append(NewEvent(subject: subject, date: date, recordedBy: recordedBy, note: note), kind: .contract, in: w)
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
        try store.read { try $0.contracts(parcelID: parcelID) }
    }
}

import LandbankLifecycle

/// One parcel the idle-land rules flag, with its contract and the verdict.
public struct IdleFinding: Sendable, Encodable {
    public var parcelID: String
    public var zone: String?
    public var contract: SupplyContract
    public var verdict: IdleVerdict

    enum CodingKeys: String, CodingKey { case parcelID = "parcel_id", zone, contract, verdict }
}

extension Registry {
    /// Applies the 2012 Measures on the Disposal of Idle Land to every supply contract in force on `asOf`.
    /// A contract without a total area to develop is measured against the parcel's cadastral area.
    public func idleCheck(asOf: CivilDate, filter: ParcelFilter = ParcelFilter()) throws -> [IdleFinding] {
        let rows: [(StoredContract, String?, Double?)] = try store.read { r in
            var parcels: [String: (zone: String?, area: Double?)] = [:]
            try r.forEachParcel(filter, limit: nil) { parcels[$0.parcelID] = ($0.zone, $0.cadastralAreaM2) }
            return try r.contracts(parcelID: nil).compactMap { c in
                guard let p = parcels[c.parcelID], c.terminatedOn.map({ $0 > asOf }) ?? true else { return nil }
                return (c, p.zone, p.area)
            }
        }
        return rows.compactMap { stored, zone, area in
            var c = stored.contract
            if c.totalArea == nil { c.totalArea = area }
            return IdleLandRules.assess(c, asOf: asOf).map { IdleFinding(parcelID: stored.parcelID, zone: zone, contract: c, verdict: $0) }
        }
    }
}

import GRDB
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
        let (whereSQL, args) = filter.sql
        let rows: [(StoredContract, String?, Double?)] = try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, p.zone AS parcel_zone, p.cadastral_area_m2 AS parcel_area FROM contracts c
                JOIN (SELECT parcel_id, zone, cadastral_area_m2 FROM parcels \(whereSQL)) p ON p.parcel_id = c.parcel_id
                WHERE c.terminated_on IS NULL OR c.terminated_on > ?
                ORDER BY c.parcel_id, c.contract_no
                """, arguments: args + [asOf.description]).map { (StoredContract(row: $0), $0["parcel_zone"], $0["parcel_area"]) }
        }
        return rows.compactMap { stored, zone, area in
            var c = stored.contract
            if c.totalArea == nil { c.totalArea = area }
            return IdleLandRules.assess(c, asOf: asOf).map { IdleFinding(parcelID: stored.parcelID, zone: zone, contract: c, verdict: $0) }
        }
    }
}

import LandbankGeodesy
import LandbankLifecycle

/// A parcel on the inefficient-land list (低效用地数据库) and why.
public struct InefficientParcel: Sendable, Encodable {
    public enum Reason: String, Sendable, Encodable, CaseIterable {
        /// Confirmed by a clerk (the mark in the history), usually on a C or D grade.
        case confirmed
        /// Idle under the 2012 Measures (the idle-land check).
        case idle
        /// Plot ratio (floor area ÷ parcel area) below the policy's minimum, on land in use.
        case lowPlotRatio = "low_plot_ratio"
        /// A project on the parcel breaches its agreement (the projects ledger).
        case breach
    }
    public var parcelID: String
    public var zone: String?
    public var status: ParcelStatus?
    public var cadastralMu: Double
    public var floorSpaceM2: Double
    public var plotRatio: Double
    public var reasons: [Reason]
    /// Each reason in words, in the order of `reasons`.
    public var why: [String]
    public var plan: InefficiencyPlan?

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", zone, status, cadastralMu = "cadastral_mu", floorSpaceM2 = "floor_space_m2"
        case plotRatio = "plot_ratio", reasons, why, plan
    }
}

extension Registry {
    /// The inefficient-land list as of `asOf`: parcels marked inefficient, idle by the idle-land check, of a
    /// plot ratio below `minPlotRatio` while in use (a supply contract in force, or enterprise figures), not idle, and with buildings registered, or
    /// under a project the ledger finds in breach (short or never landed for the investor's own reasons). By id.
    public func inefficientList(asOf: CivilDate, minPlotRatio: Double?) throws -> [InefficientParcel] {
        let idle = try idleCheck(asOf: asOf)
        let ledger = try projectLedger(asOf: asOf)
        let (parcels, floor, marks, plans, inUse) = try store.read { r in
            var parcels: [String: Parcel] = [:]
            try r.forEachParcel(ParcelFilter(), limit: nil) { parcels[$0.parcelID] = $0 }
            var floor: [String: Double] = [:]
            for b in try r.buildings(ParcelFilter(), parcelID: nil, limit: nil) { floor[b.parcelID, default: 0] += b.floorAreaM2 }
            var marks: [String: HistoryEvent] = [:]
            try r.forEachHistory(of: .parcel, kinds: [.inefficient, .inefficientLifted]) { id, events in
                if let m = Self.lastMark(events.filter { $0.date <= asOf }), m.kind == .inefficient { marks[id] = m }
            }
            var plans: [String: InefficiencyPlan] = [:]
            for p in try r.inefficiencyPlans() { plans[p.parcelID] = p }
            var inUse = Set(try r.contracts(parcelID: nil).filter { $0.inForce(on: asOf) }.map(\.parcelID))
            inUse.formUnion(try r.enterpriseFigures(year: nil).map(\.parcelID))
            return (parcels, floor, marks, plans, inUse)
        }
        var found: [String: [(InefficientParcel.Reason, String)]] = [:]
        for (id, m) in marks {
            found[id, default: []].append((.confirmed, "confirmed \(m.date) by \(m.recordedBy): \(m.legalBasis ?? "")"))
        }
        for f in idle {
            found[f.parcelID, default: []].append((.idle, "idle since \(f.verdict.idleSince) (\(f.verdict.fullYearsIdle) full year\(f.verdict.fullYearsIdle == 1 ? "" : "s")) under contract \(f.contract.contractNumber)"))
        }
        if let min = minPlotRatio {
            // Idle land is listed as idle: its plot ratio says nothing more.
            let idleIDs = Set(idle.map(\.parcelID))
            // A parcel with no building in the registry is not judged: its floor space is unknown, not 0.
            for id in inUse.sorted() where !idleIDs.contains(id) && floor[id] != nil {
                guard let p = parcels[id], let m2 = p.cadastralAreaM2, m2 > 0 else { continue }
                let ratio = (floor[id] ?? 0) / m2
                if ratio < min {
                    found[id, default: []].append((.lowPlotRatio, "plot ratio \(String(format: "%.2f", ratio)) below \(String(format: "%.2f", min)) (\(String(format: "%.0f", floor[id] ?? 0)) m² of floor on \(String(format: "%.0f", m2)) m²)"))
                }
            }
        }
        for e in ledger.entries {
            guard let response = e.response, response != .pauseIncentives else { continue }
            for id in e.parcels where parcels[id] != nil {
                found[id, default: []].append((.breach, "project \(e.projectID) \(e.name): \(e.reason ?? e.classification.rawValue)"))
            }
        }
        return found.keys.sorted().map { id in
            let p = parcels[id]!
            let reasons = found[id]!.sorted { InefficientParcel.Reason.allCases.firstIndex(of: $0.0)! < InefficientParcel.Reason.allCases.firstIndex(of: $1.0)! }
            let m2 = p.cadastralAreaM2 ?? p.ellipsoidalAreaM2
            return InefficientParcel(parcelID: id, zone: p.zone, status: p.status, cadastralMu: AreaUnit.mu.fromSquareMetres(m2),
                                     floorSpaceM2: floor[id] ?? 0, plotRatio: m2 > 0 ? (floor[id] ?? 0) / m2 : 0,
                                     reasons: reasons.map(\.0), why: reasons.map(\.1), plan: plans[id])
        }
    }
}

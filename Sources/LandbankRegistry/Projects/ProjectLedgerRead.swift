import LandbankLifecycle

extension Registry {
    /// The compliance ledger on `asOf` of the projects signed from `since` (all signed projects without it) up to
    /// `asOf`, by signing date then id. One read snapshot.
    /// A project's parcels that the idle-land rules flag (through their supply contracts) are named in its entry,
    /// and two full years idle make the response land recovery.
    public func projectLedger(since: CivilDate? = nil, asOf: CivilDate = .today()) throws -> ProjectLedger {
        let idle = Dictionary(try idleCheck(asOf: asOf).map { ($0.parcelID, $0.verdict) }, uniquingKeysWith: { a, _ in a })
        return try store.read { r in
            let events = Dictionary(grouping: try r.projectEvents(of: nil), by: \.projectID)
            let actuals = Dictionary(grouping: try r.projectActuals(of: nil), by: \.projectID)
            let incentives = Dictionary(grouping: try r.projectIncentives(of: nil), by: \.projectID)
            let entries = try r.projects(id: nil).compactMap { p in
                LedgerRules.entry(p, events: events[p.id] ?? [], actuals: actuals[p.id] ?? [], incentives: incentives[p.id] ?? [],
                                  idle: idle, asOf: asOf)
            }.filter { since == nil || $0.signedOn >= since! }
            return ProjectLedger(since: since, asOf: asOf,
                                 entries: entries.sorted { ($0.signedOn, $0.projectID) < ($1.signedOn, $1.projectID) })
        }
    }
}

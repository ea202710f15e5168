/// Rounding of the batch ledger, once, at the end (as `RegistryStats.rounded()` rounds): the total approved
/// area is rounded to 0.001 mu from the unrounded sum; zones are apportioned to it and each zone's batches to
/// the zone's figure (largest remainder), so the approved column adds up exactly; in every row (batch, zone,
/// total) supplied and unsupplied are apportioned to its rounded approved area, so they add up to it exactly.
/// Rates are then taken from the rounded figures, to 0.01 %.
extension BatchReport {
    public func rounded() -> BatchReport {
        var r = self
        let perUnit = 1000.0
        let allApproved = batches.reduce(0) { $0 + $1.approvedMu }
        r.total = Self.split(total, approved: Apportionment.round([allApproved], total: allApproved, perUnit: perUnit)[0])
        let zoneApproved = Apportionment.round(byZone.map(\.approvedMu), total: allApproved, perUnit: perUnit)
        for (z, zone) in byZone.enumerated() {
            r.byZone[z] = Self.split(zone, approved: zoneApproved[z])
            let members = batches.indices.filter { (batches[$0].zone ?? Self.noZone) == zone.key }
            let shares = Apportionment.round(members.map { batches[$0].approvedMu }, total: zoneApproved[z], perUnit: perUnit)
            for (k, i) in members.enumerated() {
                let (s, u) = Self.parts(batches[i].suppliedMu, batches[i].unsuppliedMu, approved: shares[k])
                r.batches[i].approvedMu = shares[k]
                r.batches[i].suppliedMu = s
                r.batches[i].unsuppliedMu = u
                r.batches[i].supplyRate = Self.rate(s, shares[k])
            }
        }
        return r
    }

    static func split(_ t: SupplyTotals, approved: Double) -> SupplyTotals {
        var t = t
        (t.suppliedMu, t.unsuppliedMu) = parts(t.suppliedMu, t.unsuppliedMu, approved: approved)
        t.approvedMu = approved
        t.supplyRate = rate(t.suppliedMu, approved)
        return t
    }

    static func parts(_ supplied: Double, _ unsupplied: Double, approved: Double) -> (Double, Double) {
        let p = Apportionment.round([supplied, unsupplied], total: approved, perUnit: 1000)
        return (p[0], p[1])
    }

    static func rate(_ supplied: Double, _ approved: Double) -> Double {
        approved > 0 ? (supplied / approved * 10000).rounded() / 100 : 0
    }
}

/// A zone's gates applied to a demand on a site of `mu` mu of land: every figure per mu in the zone's units
/// (万元/亩; 1 万元 = 10,000 yuan). Per-mu gates judge land sites (they are conditions of a land supply); floor
/// space is screened by the refused industries only.
struct Gates {
    let policy: ZonePolicy
    let zone: String

    /// The gates the demand fails (with the margin in the zone's units) and those it gives no figure for.
    /// Whether a judgement depends on the site's area: a per-mu gate the demand gives the figure for.
    static func dependsOnArea(_ policy: ZonePolicy, _ d: Demand) -> Bool {
        (policy.minInvestmentIntensityWanPerMu != nil && d.investmentYuan != nil)
            || (policy.minTaxWanPerMuYear != nil && d.annualTaxYuan != nil)
            || (policy.minOutputWanPerMuYear != nil && d.annualOutputYuan != nil)
    }

    func judge(_ d: Demand, mu: Double?) -> (failures: [Shortfall], unchecked: [String]) {
        var failures: [Shortfall] = [], unchecked: [String] = []
        if let i = d.industry, policy.refusedIndustries.contains(i) {
            failures.append(Shortfall(requirement: .zonePolicy, text: "\(zone) refuses \(i.rawValue) (\(i.chineseName))",
                                      change: nil, unit: "", direction: .raise, relative: .infinity))
        }
        guard let mu, mu > 0 else { return (failures, unchecked) }
        func perMu(_ yuan: Double?, _ gate: Double?, _ name: String, _ key: String, _ unit: String) {
            guard let gate else { return }
            guard let yuan else { unchecked.append("\(name) (the demand gives no \(key))"); return }
            let have = yuan / 10_000 / mu
            if have < gate {
                failures.append(Shortfall(requirement: .zonePolicy,
                    text: "\(name) \(Figures.text(have, decimals: 1)) \(unit), \(Figures.text(gate - have, decimals: 1)) below the \(Figures.text(gate)) gate of \(zone)",
                    change: nil, unit: unit, direction: .raise, relative: (gate - have) / gate))
            }
        }
        perMu(d.investmentYuan, policy.minInvestmentIntensityWanPerMu, "investment intensity", "investment_yuan", "万元/亩")
        perMu(d.annualTaxYuan, policy.minTaxWanPerMuYear, "tax per mu", "annual_tax_yuan", "万元/亩 a year")
        perMu(d.annualOutputYuan, policy.minOutputWanPerMuYear, "output per mu", "annual_output_yuan", "万元/亩 a year")
        if let gate = policy.maxEnergyTcePerWanOutput {
            if let e = d.energyTcePerYear, let out = d.annualOutputYuan, out > 0 {
                let have = e / (out / 10_000)
                if have > gate {
                    failures.append(Shortfall(requirement: .zonePolicy,
                        text: "energy \(Figures.text(have, decimals: 3)) tce/万元, \(Figures.text(have - gate, decimals: 3)) above the \(Figures.text(gate)) gate of \(zone)",
                        change: nil, unit: "tce/万元", direction: .lower, relative: (have - gate) / gate))
                }
            } else {
                unchecked.append("energy per output (the demand gives no energy_tce_per_year and annual_output_yuan)")
            }
        }
        if let gate = policy.minPlotRatio {
            if let have = d.plotRatio {
                if have < gate {
                    failures.append(Shortfall(requirement: .zonePolicy,
                        text: "plot ratio \(Figures.text(have, decimals: 2)), \(Figures.text(gate - have, decimals: 2)) below the \(Figures.text(gate)) gate of \(zone)",
                        change: nil, unit: "", direction: .raise, relative: (gate - have) / gate))
                }
            } else {
                unchecked.append("plot ratio (the demand gives no plot_ratio)")
            }
        }
        return (failures, unchecked)
    }
}

extension Screen {
    /// The demand as the land searches see it: its zones narrowed to those whose gates can admit it on some land,
    /// or nil when none can. A zone refusing its industry, its energy per output or its plot ratio refuses every
    /// site there, and the per-mu gates (all minima per mu) only tighten as a site grows, so none of that zone's
    /// parcels can pass, alone or joined. Unchanged when no zone refuses it, and when a parcel may lack a zone or
    /// the registry's zones are not known (a search by zone would miss those parcels). Only for the searches of
    /// candidates: the sites are still judged against the demand as given.
    func landSearch() -> Demand? {
        guard let zones = searchedZones(demand.zones) else { return demand }
        let admitting = zones.filter { zone in
            guard let policy = book.policies[zone] else { return true }
            // On the least area there is, every per-mu figure is as high as it gets: only the gates that do not
            // depend on the area can fail.
            return Gates(policy: policy, zone: zone).judge(demand, mu: .leastNormalMagnitude).failures.isEmpty
        }
        if admitting.count == zones.count { return demand }
        guard !admitting.isEmpty else { return nil }
        var d = demand
        d.zones = admitting
        return d
    }
}

extension Screen {
    /// The zones a land search covers: those allowed, else every zone of the registry's parcels; nil when a
    /// parcel may lack a zone or the zones are not known (a search by zone would miss those parcels).
    private func searchedZones(_ allowed: [String]?) -> [String]? {
        if let allowed { return allowed }
        guard let known = book.parcelZones, !known.contains(nil) else { return nil }
        return known.compactMap { $0 }
    }
}

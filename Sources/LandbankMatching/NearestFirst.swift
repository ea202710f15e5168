import LandbankRegistry

/// The candidates of a demand that wishes nearness, found nearest first instead of over the whole radius, when
/// the answer needs the candidates only (`MatchOptions.explain` off: no `excluded`, no near misses).
///
/// Rounds ask the site search for the nearest `k` sites in a status some zone offers (k = 8 × limit, at least 64,
/// then 4 × more), keep those their zone offers, judge and score them. Every site nearer than the distance the round reached is known; one farther away scores at most
///
///     100 × (w_nearer × (1 − D/max_km) + W_other) / (w_nearer + W_other)
///
/// (its nearness fit at best that of distance D, every other wish fully met, all data known, one parcel). Once
/// the `limit`-th best known score is above that bound, no farther site can enter the list, and the answer is
/// the one the whole radius gives. Wishes that compare sites with each other (the cheapest price or rent,
/// `lower_cost`) need every site, so they search the whole radius as before.
struct NearestFirst {
    let demand: Demand
    let finder: SiteFinder
    let screen: Screen
    let scorer: Scorer
    let limit: Int
    /// Sites asked for in the first round (tests make it small to force several rounds).
    var firstRound: Int?

    /// The judged single sites, or nil when this shortcut does not apply.
    func find() throws -> [(Site, Screening)]? {
        let p = scorer.wishes
        guard let near = demand.near, let wNear = p.nearer, wNear > 0, p.lowerCost == nil, limit > 0 else { return nil }
        let others = [p.areaFit, p.standardFactory, p.fewParcels, p.compact, p.leadingIndustry].compactMap { $0 }.reduce(0, +)
            + p.zones.values.reduce(0, +)
        func bound(_ km: Double) -> Double {
            Figures.rounded(100 * (wNear * max(0, 1 - km / near.maxKm) + others) / (wNear + others), 3)
        }
        // Not about twice the limit even when nearness is the only wish: missing data (a zone's gates that the
        // demand gives no figures for) lowers a site's score below the bound, which assumes all data known, so
        // such a round rarely settles it and the next reads everything again (measured: 21 then 84 was slower
        // than 64 once).
        var k = firstRound ?? max(64, 8 * limit)
        while true {
            try Task.checkCancellation()
            var judged: [(Site, Screening)] = []
            var reach = Double.infinity
            if demand.wantsLand {
                let (hits, r) = try finder.nearestLand(demand, count: k)
                reach = min(reach, r)
                for hit in hits {
                    let site = Site(land: [hit.parcel], distanceKm: hit.distanceKm)
                    judged.append((site, screen.judge(site)))
                }
            }
            if demand.wantsFloor {
                let (hits, r) = try finder.nearestFloor(demand, count: k)
                reach = min(reach, r)
                for (hit, parcel) in hits {
                    let site = Site(floor: hit.building, on: parcel, distanceKm: hit.distanceKm)
                    judged.append((site, screen.judge(site)))
                }
            }
            // Everything within the radius was read: the whole answer.
            if reach == .infinity { return judged }
            let scores = judged.filter { $0.1.passes && ($0.0.distanceKm ?? .infinity) <= reach }
                .map { scorer.score($0.0, $0.1, words: false).score }.sorted(by: >)
            if scores.count >= limit, scores[limit - 1] > bound(reach) { return judged }
            k *= 4
        }
    }
}

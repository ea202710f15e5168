import Foundation
import LandbankRegistry

/// The candidates of a demand that wishes nearness, found nearest first instead of over the whole radius, when
/// the answer needs the candidates only (`MatchOptions.explain` off: no `excluded`, no near misses).
///
/// Rounds ask the site search for the nearest `k` sites in a status some zone offers (k = 2 × limit + 1 when
/// nearness is the only wish, else 8 × limit and at least 64; then 4 × more), keep those their zone offers, judge
/// and score them. Every site nearer than the distance the round reached is known; one farther away scores at most
///
///     100 × (w_nearer × (1 − D/max_km) + W_other) / (w_nearer + W_other)
///
/// (its nearness fit at best that of distance D, every other wish fully met, one parcel), times the reliability
/// factor 0.8 + 0.2 × R, R the highest reliability such a site can have (`reliabilityCap`). Once
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
        guard let bound = scoreBound() else { return nil }
        let others = scorer.wishes.others
        // Nearness alone: the scores fall with the distance (within a zone; the bound allows for the zones'
        // missing data), so a round of about twice the limit usually settles it. Other wishes let a farther site
        // outrank a nearer one: a larger first round.
        var k = firstRound ?? (others == 0 ? 2 * limit + 1 : max(64, 8 * limit))
        // Zones whose gates refuse the demand on any land are not searched (none of their parcels can pass).
        let land = demand.wantsLand ? screen.landSearch() : nil
        while true {
            try Task.checkCancellation()
            var judged: [(Site, Screening)] = []
            var reach = Double.infinity
            if let land {
                let (hits, r) = try finder.nearestLand(land, count: k)
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
            if scores.count >= limit, scores[limit - 1] > bound(reach, 1) { return judged }
            k *= 4
        }
    }

    /// The highest score a site farther than a distance (km) can have, or nil when the shortcut does not apply
    /// (no nearness wish, a wish comparing sites with each other, no candidates asked for). It bounds joined sites
    /// too: they meet the few-parcels wish less, and their compactness is at most that of one parcel's wish met.
    ///
    /// `parcels`: a site of that many parcels, whose score the joining factor lowers (0.9 for each parcel
    /// joined; the compactness part of the factor is 1 until the union is made, after the ranking).
    func scoreBound() -> ((_ km: Double, _ parcels: Int) -> Double)? {
        let p = scorer.wishes
        guard let near = demand.near, let wNear = p.nearer, wNear > 0, p.lowerCost == nil, limit > 0 else { return nil }
        let others = p.others
        let reliable = 0.8 + 0.2 * reliabilityCap()
        return { km, parcels in
            let joining = pow(0.9, Double(max(0, parcels - 1)))
            return Figures.rounded(100 * (wNear * max(0, 1 - km / near.maxKm) + others) / (wNear + others) * reliable * joining, 3)
        }
    }

    /// The highest reliability a single land site passing the demand can have. A zone's gates that the demand
    /// gives no figure for are missing data on every site of that zone: such a site is asked n + 1 + u things
    /// (n the demand's land requirements, 1 for the gates passed, u the gates unchecked) and misses at least u,
    /// so its reliability is at most (n + 1) / (n + 1 + u). The cap is the highest of that over the zones a site
    /// may lie in (the demand's zones, else every zone of the registry's parcels); 1 when one of them has no
    /// gates, when a parcel has no zone, when the zones are not known, and for floor space (whose missing data
    /// are the building's own).
    func reliabilityCap() -> Double {
        guard demand.wantsLand, !demand.wantsFloor else { return 1 }
        let zones: [String?]
        if let allowed = demand.zones { zones = allowed } else if let known = screen.book.parcelZones { zones = known } else { return 1 }
        let d = demand
        let n = [d.zones != nil, d.near != nil, d.landMu != nil, d.maxLandPriceYuanPerMu != nil, d.availableBy != nil]
            .filter { $0 }.count
        var cap = 0.0
        for zone in zones {
            guard let zone, let policy = screen.book.policies[zone], policy.hasGates else { return 1 }
            let u = Gates(policy: policy, zone: zone).judge(d, mu: 1).unchecked.count
            cap = max(cap, Double(n + 1) / Double(n + 1 + u))
        }
        return zones.isEmpty ? 1 : cap
    }
}

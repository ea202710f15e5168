import Foundation

/// A site's score: how well it meets the demand's soft wishes, lowered for missing data and for joining parcels.
///
///     score = 100 × wishes × (0.8 + 0.2 × reliability) × joining
///
/// `wishes` is the weighted mean of each wish's fit in 0…1 (nearer: 1 − distance/max_km; area_fit: 1 − |area −
/// target|/target, the target the middle of the range; standard_factory, zones, leading_industry: 1 or 0;
/// lower_cost: 1 − cost/(2 × limit), or cheapest/cost without a limit; few_parcels: 1/parcels; compact:
/// Polsby–Popper over a square's), 1 with no wish. Without `prefer`, the wishes are nearer (with a point) and
/// area_fit (with a range). `joining` is 1 for one parcel or a building, and 0.9^(parcels − 1) × (0.7 + 0.3 ×
/// compactness/square's) for joined parcels, so that fewer and more compact joins rank first.
struct Scorer {
    let demand: Demand
    let book: PolicyBook
    /// The cheapest rent and land price among the sites that pass, for lower_cost without a limit.
    var cheapestRent: Double?
    var cheapestPrice: Double?

    static let squareCompactness = Double.pi / 4

    /// The wishes that count: those given, else the defaults.
    var wishes: Preferences {
        guard demand.prefer.isEmpty else { return demand.prefer }
        var p = Preferences()
        if demand.near != nil { p.nearer = 1 }
        if demand.landMu?.target != nil || demand.floorSpaceM2?.target != nil { p.areaFit = 1 }
        return p
    }

    /// The score and, with `words`, its reasons. Every site that passes is scored; only those kept among the
    /// best are put in words (formatting figures costs more than the score itself).
    func score(_ site: Site, _ screening: Screening, words: Bool = true) -> (score: Double, reasons: [String]) {
        var reasons: [String] = []
        var sum = 0.0, weights = 0.0
        func wish(_ w: Double?, _ fit: Double, _ reason: @autoclosure () -> String?) {
            guard let w else { return }
            sum += w * max(0, min(1, fit))
            weights += w
            if words, let reason = reason() { reasons.append(reason) }
        }
        let p = wishes, d = demand
        if let km = site.distanceKm, let n = d.near {
            wish(p.nearer, 1 - km / n.maxKm, "\(Figures.text(km, decimals: 2)) km from the point (limit \(Figures.text(n.maxKm)) km)")
        }
        if let (have, target, unit) = areaTarget(site) {
            let miss = abs(have - target)
            wish(p.areaFit, target > 0 ? 1 - miss / target : 0,
                 "\(Figures.text(have, decimals: 1)) \(unit), \(Figures.text(miss, decimals: 1)) from the \(Figures.text(target)) \(unit) aimed at")
        }
        if p.standardFactory != nil {
            let yes = site.building?.standardFactory ?? false
            wish(p.standardFactory, yes ? 1 : 0, yes ? "a standard factory (标准厂房)" : nil)
        }
        for (zone, w) in p.zones.sorted(by: { $0.key < $1.key }) {
            let yes = site.zones.contains(zone)
            wish(w, yes ? 1 : 0, yes ? "in \(zone), a preferred zone" : nil)
        }
        if p.leadingIndustry != nil, let i = d.industry {
            let zone = site.zones.compactMap { $0 }.first { book.policy($0).leadingIndustries.contains(i) }
            wish(p.leadingIndustry, zone == nil ? 0 : 1, zone.map { "\(i.rawValue) is a leading industry of \($0)" })
        }
        if p.lowerCost != nil {
            let (fit, reason) = costFit(site)
            wish(p.lowerCost, fit, reason())
        }
        if site.parcels.count > 1 || site.kind == .land {
            wish(p.fewParcels, 1 / Double(site.parcels.count), nil)
            if let c = site.shape?.compactness { wish(p.compact, c / Self.squareCompactness, nil) }
        }
        let wishes = weights > 0 ? sum / weights : 1
        var joining = 1.0
        if site.parcels.count > 1 {
            let c = min(1, (site.shape?.compactness ?? Self.squareCompactness) / Self.squareCompactness)
            joining = pow(0.9, Double(site.parcels.count - 1)) * (0.7 + 0.3 * c)
            if words { reasons.append("\(site.parcels.count) neighbouring parcels joined, \(Figures.text(site.areaMu, decimals: 1)) mu"
                           + (site.shape.map { ", compactness \(Figures.text($0.compactness, decimals: 2))" } ?? "")) }
        }
        if !words { return (Figures.rounded(100 * wishes * (0.8 + 0.2 * screening.reliability) * joining, 3), []) }
        if !screening.missing.isEmpty { reasons.append("no data: " + screening.missing.joined(separator: "; ")) }
        if !screening.notes.isEmpty { reasons += screening.notes }
        let score = 100 * wishes * (0.8 + 0.2 * screening.reliability) * joining
        return (Figures.rounded(score, 3), reasons)
    }

    func areaTarget(_ site: Site) -> (Double, Double, String)? {
        switch site.kind {
        case .land: return demand.landMu?.target.map { (site.areaMu, $0, "mu") }
        case .floorSpace: return demand.floorSpaceM2?.target.map { (site.vacantFloorM2 ?? 0, $0, "m² vacant") }
        }
    }

    /// The cost's fit and its reason, put in words only when asked.
    func costFit(_ site: Site) -> (Double, () -> String?) {
        switch site.kind {
        case .floorSpace:
            guard let rent = site.building?.rentYuanM2Month else { return (0, { nil }) }
            let reason = { "rent \(Figures.text(rent, decimals: 1)) yuan/m² a month" }
            if let max = demand.maxRentYuanM2Month, max > 0 { return (1 - rent / (2 * max), reason) }
            return (rent > 0 ? (cheapestRent ?? rent) / rent : 1, reason)
        case .land:
            guard let price = Screen.landPrice(site) else { return (0, { nil }) }
            let reason = { "land price \(Figures.text(price, decimals: 0)) yuan/mu" }
            if let max = demand.maxLandPriceYuanPerMu, max > 0 { return (1 - price / (2 * max), reason) }
            return (price > 0 ? (cheapestPrice ?? price) / price : 1, reason)
        }
    }
}

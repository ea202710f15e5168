import Foundation
import LandbankLifecycle
import LandbankRegistry

/// What a demand's hard requirements say of one site: the ones it fails (with the shortfall), the ones it has
/// no data for, and how many criteria were asked (`reliability` = known / asked).
struct Screening: Sendable {
    var failures: [Shortfall] = []
    var missing: [String] = []
    var asked = 0
    var notes: [String] = []

    var passes: Bool { failures.isEmpty }
    var failed: Set<Requirement> { Set(failures.map(\.requirement)) }
    /// The one requirement every failure is of (nil: it passes, or fails two or more): `failed == [r]`, without a set.
    var onlyFailed: Requirement? {
        guard let r = failures.first?.requirement, failures.allSatisfy({ $0.requirement == r }) else { return nil }
        return r
    }
    /// The share of the demand's criteria the site has data for (1 when the demand asks nothing).
    var reliability: Double { asked == 0 ? 1 : Double(asked - missing.count) / Double(asked) }

    mutating func add(_ r: Requirement, _ o: Outcome) {
        asked += 1
        switch o {
        case .pass: break
        case .fail(let s): failures.append(s)
        case .unknown(let what): missing.append(what)
        }
        _ = r
    }
}

/// Judges sites against a demand. Land sites are judged on the land requirements and the zone's per-mu gates;
/// floor space on the building requirements and the zone's refused industries.
struct Screen {
    let demand: Demand
    let book: PolicyBook
    /// Each zone's gate outcomes for this demand where they do not depend on the site's area (joined sites are
    /// judged by the thousand, and each judgement wrote the same texts again).
    private let gateMemo = GateMemo()

    init(demand: Demand, book: PolicyBook) {
        self.demand = demand
        self.book = book
    }

    func judge(_ site: Site) -> Screening {
        let d = demand
        var s = Screening()
        if let allowed = d.zones {
            let outside = site.zones.filter { z in z.map { !allowed.contains($0) } ?? true }
            s.add(.zones, outside.isEmpty ? .pass : .fail(Shortfall(requirement: .zones,
                text: "zone: in \(outside.map { $0 ?? "no zone" }.joined(separator: ", ")), not one of \(allowed.joined(separator: ", "))",
                change: nil, unit: "", direction: .raise, relative: .infinity)))
        }
        if let n = d.near {
            if let km = site.distanceKm {
                s.add(.near, km <= n.maxKm ? .pass : .fail(Shortfall(requirement: .near,
                    text: "distance: \(Figures.text(km, decimals: 2)) km, \(Figures.text(km - n.maxKm, decimals: 2)) km beyond the \(Figures.text(n.maxKm)) km limit",
                    change: km - n.maxKm, unit: "km", direction: .raise, relative: (km - n.maxKm) / n.maxKm)))
            } else {
                // Found by a query without the point, and absent from the query with it: beyond the radius.
                s.add(.near, .fail(Shortfall(requirement: .near, text: "distance: beyond the \(Figures.text(n.maxKm)) km limit",
                                             change: nil, unit: "km", direction: .raise, relative: .infinity)))
            }
        }
        switch site.kind {
        case .land: judgeLand(site, &s)
        case .floorSpace: judgeFloor(site, &s)
        }
        return s
    }

    private func judgeLand(_ site: Site, _ s: inout Screening) {
        let d = demand
        if let b = d.landMu { s.add(.landMu, Self.range(site.areaMu, b, .landMu, "land area", "mu")) }
        if let max = d.maxLandPriceYuanPerMu {
            if let price = Self.landPrice(site) {
                s.add(.landPrice, price <= max ? .pass : .fail(Shortfall(requirement: .landPrice,
                    text: "land price: \(Figures.text(price, decimals: 0)) yuan/mu, \(Figures.text(price - max, decimals: 0)) above the \(Figures.text(max)) limit",
                    change: price - max, unit: "yuan/mu", direction: .raise, relative: (price - max) / max)))
            } else {
                s.add(.landPrice, .unknown("land price (no land_price_yuan_per_mu)"))
            }
        }
        if let by = d.availableBy {
            // Land in an offered status is available now unless the parcel says from when (`available_from`).
            let from = site.parcels.compactMap { Self.property($0, "available_from").flatMap(CivilDate.init) }.max()
            s.add(.availableBy, Self.date(from, by))
        }
        judgeGates(site, mu: site.areaMu, &s)
    }

    private func judgeFloor(_ site: Site, _ s: inout Screening) {
        let d = demand
        guard let b = site.building else { return }
        if let r = d.floorSpaceM2 { s.add(.floorSpace, Self.range(b.vacantFloorAreaM2 ?? 0, r, .floorSpace, "vacant floor space", "m²")) }
        let minima: [(Requirement, Double?, Double?, String, String)] = [
            (.clearHeight, d.clearHeightM, b.clearHeightM, "clear height", "m"),
            (.floorLoad, d.floorLoadKNm2, b.floorLoadKNm2, "floor load", "kN/m²"),
            (.power, d.powerKVA, b.powerKVA, "power", "kVA"),
            (.crane, d.craneT, b.craneT, "crane", "t"),
        ]
        for (r, need, have, name, unit) in minima {
            guard let need else { continue }
            guard let have else { s.add(r, .unknown("\(name) (\(r.rawValue) unknown)")); continue }
            s.add(r, have >= need ? .pass : .fail(Shortfall(requirement: r,
                text: "\(name): \(Figures.text(have, decimals: 1)) \(unit) of \(Figures.text(need)) \(unit)",
                change: need - have, unit: unit, direction: .lower, relative: need > 0 ? (need - have) / need : 1)))
        }
        if let max = d.maxRentYuanM2Month {
            if let rent = b.rentYuanM2Month {
                s.add(.rent, rent <= max ? .pass : .fail(Shortfall(requirement: .rent,
                    text: "rent: \(Figures.text(rent, decimals: 1)) yuan/m² a month, \(Figures.text(rent - max, decimals: 1)) above the \(Figures.text(max)) limit",
                    change: rent - max, unit: "yuan/m²", direction: .raise, relative: (rent - max) / max)))
            } else {
                s.add(.rent, .unknown("rent (rent_yuan_m2_month unknown)"))
            }
        }
        if let by = d.availableBy {
            s.add(.availableBy, b.availableFrom == nil ? .unknown("availability date (available_from unknown)") : Self.date(b.availableFrom, by))
        }
        judgeGates(site, mu: nil, &s)
    }

    /// Each of the site's zones' gates; a gate the demand gives no figure for is a missing datum.
    private func judgeGates(_ site: Site, mu: Double?, _ s: inout Screening) {
        for zone in site.zones {
            guard let zone, let policy = book.policies[zone], policy.hasGates else { continue }
            let onLand = (mu ?? 0) > 0
            let perMu = onLand && Gates.dependsOnArea(policy, demand)
            if !perMu, let known = gateMemo.outcomes[onLand ? 1 : 0][zone] {
                for o in known { s.add(.zonePolicy, o) }
                continue
            }
            let (failures, unchecked) = Gates(policy: policy, zone: zone).judge(demand, mu: mu)
            var outcomes: [Outcome] = failures.isEmpty ? [.pass] : []
            outcomes += failures.map { .fail($0) }
            outcomes += unchecked.map { .unknown("gate of \(zone) not checked: \($0)") }
            if !perMu { gateMemo.outcomes[onLand ? 1 : 0][zone] = outcomes }
            for o in outcomes { s.add(.zonePolicy, o) }
        }
    }

    static func range(_ have: Double, _ b: Demand.Bounds, _ r: Requirement, _ name: String, _ unit: String) -> Outcome {
        if let lo = b.min, have < lo {
            return .fail(Shortfall(requirement: r, text: "\(name): \(Figures.text(have, decimals: 1)) \(unit) of \(Figures.text(lo)) \(unit)",
                                   change: lo - have, unit: unit, direction: .lower, relative: lo > 0 ? (lo - have) / lo : 1))
        }
        if let hi = b.max, have > hi {
            return .fail(Shortfall(requirement: r, text: "\(name): \(Figures.text(have, decimals: 1)) \(unit), above the \(Figures.text(hi)) \(unit) maximum",
                                   change: have - hi, unit: unit, direction: .raise, relative: (have - hi) / hi))
        }
        return .pass
    }

    static func date(_ from: CivilDate?, _ by: CivilDate) -> Outcome {
        guard let from, from > by else { return .pass }
        let days = from.daysSince1970 - by.daysSince1970
        return .fail(Shortfall(requirement: .availableBy, text: "available from \(from), \(days) days after \(by)",
                               change: Double(days), unit: "days", direction: .raise, relative: Double(days) / 365))
    }

    /// The land price per mu a site's parcels state (`land_price_yuan_per_mu` in their properties), weighted by
    /// area; nil when any parcel lacks it.
    static func landPrice(_ site: Site) -> Double? {
        var total = 0.0
        for p in site.parcels {
            guard let text = property(p, "land_price_yuan_per_mu"), let price = Double(text) else { return nil }
            total += price * (p.cadastralAreaMu ?? p.ellipsoidalAreaMu)
        }
        return site.areaMu > 0 ? total / site.areaMu : nil
    }

    /// A scalar property of the parcel's input, as text.
    static func property(_ p: Parcel, _ key: String) -> String? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(p.properties.utf8)) as? [String: Any], let v = o[key] else { return nil }
        if let s = v as? String { return s }
        if let n = v as? NSNumber { return n.stringValue }
        return nil
    }
}

/// `Screen`'s memory of gate outcomes that do not depend on the site's area, by zone (one demand's): [0] without
/// an area (floor space), [1] for any land site (the area-free gates alone).
final class GateMemo {
    var outcomes: [[String: [Outcome]]] = [[:], [:]]
}

import LandbankRegistry

/// What would change an answer, smallest change first: the sites that fail one requirement only (with the
/// shortfall), for each requirement the smallest relaxation that adds sites and the one that adds them all, a
/// neighbouring parcel that would make a too-small parcel big enough, and — when nothing passes — the single
/// requirement that emptied the list.
struct NearMisses {
    let demand: Demand
    let finder: SiteFinder
    let toleranceM: Double
    static let maxSites = 10
    var maxSites: Int { Self.maxSites }

    /// `found`: how many available sites were found in all, `judged` holding those that can be named.
    func list(judged: [(Site, Screening)], found: Int, candidates: Int, excluded: [String: Int]) throws -> [NearMiss] {
        var out: [NearMiss] = []
        let single = judged.filter { $0.1.onlyFailed != nil }
        if candidates == 0 { out += emptied(found: found, excluded: excluded) }
        // Only the sites ranked among the first `maxSites` (and those tied with the last) are put in words: the
        // rest would be sorted away, and a pipeline screen can have tens of thousands of them.
        let ranks = single.map { Self.rank($0.1) }
        let cut = ranks.count > maxSites ? Self.smallest(ranks, maxSites) : .infinity
        var sites: [NearMiss] = []
        for ((site, s), rank) in zip(single, ranks) where rank <= cut {
            let f = s.failures[0]
            guard s.failures.count == 1 else {
                // Several gates of one zone: name them all.
                sites.append(NearMiss(kind: .site, requirement: f.requirement.rawValue,
                    text: "\(name(site)) fails only on \(f.requirement.words): " + s.failures.map(\.text).joined(separator: "; "),
                    parcels: site.parcelIDs, building: site.building?.buildingID, rank: s.failures.map(\.relative).max() ?? .infinity))
                continue
            }
            sites.append(NearMiss(kind: .site, requirement: f.requirement.rawValue,
                text: "\(name(site)) fails only on \(f.text)", parcels: site.parcelIDs, building: site.building?.buildingID,
                change: f.change.map { Figures.rounded($0, 3) }, unit: f.change == nil ? nil : f.unit, rank: f.relative))
        }
        sites.sort { $0.rank < $1.rank || ($0.rank == $1.rank && $0.text < $1.text) }
        out += sites.prefix(maxSites)
        out += relaxations(single)
        out += try adjacent(single)
        return out.enumerated().sorted { a, b in
            // Emptied first, then by how small the change is; equal ranks keep their order.
            let ea = a.element.kind == .emptied, eb = b.element.kind == .emptied
            if ea != eb { return ea }
            return a.element.rank < b.element.rank || (a.element.rank == b.element.rank && a.offset < b.offset)
        }.map(\.element)
    }

    /// A single-requirement failure's rank, as its near miss below gets it.
    static func rank(_ s: Screening) -> Double {
        s.failures.count == 1 ? s.failures[0].relative : s.failures.map(\.relative).max() ?? .infinity
    }

    /// The k-th smallest of `values` (k ≥ 1, at most their count).
    static func smallest(_ values: [Double], _ k: Int) -> Double {
        var best: [Double] = []
        for v in values where best.count < k || v < best[k - 1] {
            best.insert(v, at: best.firstIndex { $0 > v } ?? best.count)
            if best.count > k { best.removeLast() }
        }
        return best[k - 1]
    }

    func name(_ site: Site) -> String { Self.name(site) }

    static func name(_ site: Site) -> String {
        if let b = site.building { return b.buildingID }
        return site.parcelIDs.joined(separator: " + ")
    }

    /// Per requirement and direction: the smallest change (rounded up to two significant digits) that adds
    /// sites, and the change that adds every site failing only on it. Zones: each zone that would add sites.
    func relaxations(_ single: [(Site, Screening)]) -> [NearMiss] {
        var groups: [String: [(Shortfall, Site)]] = [:]
        var zones: [String: Int] = [:]
        for (site, s) in single {
            let f = s.failures[0]
            if f.requirement == .zones {
                for z in site.zones { if let z, !(demand.zones ?? []).contains(z) { zones[z, default: 0] += 1 } }
            }
            guard s.failures.count == 1, f.change != nil else { continue }
            groups["\(f.requirement.rawValue)/\(f.direction.rawValue)", default: []].append((f, site))
        }
        var out: [NearMiss] = []
        for (_, list) in groups.sorted(by: { $0.key < $1.key }) {
            let changes = list.map { $0.0.change! }.sorted()
            let f = list[0].0
            let need = figure(f)
            var steps = [Figures.roundUp(changes[0])]
            let all = Figures.roundUp(changes.last!)
            // The change that adds every such site, unless it is more than half the demand's own figure.
            if all > steps[0], need.map({ all <= $0 / 2 }) ?? true { steps.append(all) }
            for step in steps {
                let adds = changes.filter { $0 <= step + 1e-9 }.count
                out.append(NearMiss(kind: .relaxation, requirement: f.requirement.rawValue,
                    text: "\(phrase(f, step)) adds \(adds) site\(adds == 1 ? "" : "s")",
                    adds: adds, change: step, unit: f.unit, rank: need.map { $0 > 0 ? step / $0 : 1 } ?? 1))
            }
        }
        for (zone, n) in zones.sorted(by: { $0.key < $1.key }) {
            out.append(NearMiss(kind: .relaxation, requirement: Requirement.zones.rawValue,
                text: "allowing zone \(zone) adds \(n) site\(n == 1 ? "" : "s")", adds: n, rank: 1))
        }
        return out
    }

    /// The demand's own figure a shortfall is measured against.
    func figure(_ f: Shortfall) -> Double? {
        let d = demand
        switch (f.requirement, f.direction) {
        case (.near, _): return d.near?.maxKm
        case (.landMu, .lower): return d.landMu?.min
        case (.landMu, .raise): return d.landMu?.max
        case (.floorSpace, .lower): return d.floorSpaceM2?.min
        case (.floorSpace, .raise): return d.floorSpaceM2?.max
        case (.clearHeight, _): return d.clearHeightM
        case (.floorLoad, _): return d.floorLoadKNm2
        case (.power, _): return d.powerKVA
        case (.crane, _): return d.craneT
        case (.landPrice, _): return d.maxLandPriceYuanPerMu
        case (.rent, _): return d.maxRentYuanM2Month
        case (.availableBy, _): return 365
        case (.zones, _), (.zonePolicy, _): return nil
        }
    }

    func phrase(_ f: Shortfall, _ step: Double) -> String {
        let v = Figures.text(step), u = f.unit
        switch (f.requirement, f.direction) {
        case (.near, _): return "widening the distance limit by \(v) km"
        case (.landMu, .lower): return "lowering the minimum land area by \(v) mu"
        case (.landMu, .raise): return "raising the maximum land area by \(v) mu"
        case (.floorSpace, .lower): return "lowering the minimum floor space by \(v) m²"
        case (.floorSpace, .raise): return "raising the maximum floor space by \(v) m²"
        case (.landPrice, _): return "raising the land price limit by \(v) yuan/mu"
        case (.rent, _): return "raising the rent limit by \(v) yuan/m²"
        case (.availableBy, _): return "waiting \(v) days longer"
        default: return "accepting \(v) \(u) less \(f.requirement.words)"
        }
    }

    /// For the too-small parcels closest to the minimum: a touching (or within-tolerance) parcel, of any status,
    /// that would bring the pair into the range.
    func adjacent(_ single: [(Site, Screening)]) throws -> [NearMiss] {
        guard let bounds = demand.landMu, let lo = bounds.min else { return [] }
        let small = single.filter { $0.0.kind == .land && $0.0.parcels.count == 1 && $0.1.failures.count == 1
            && $0.1.failures[0].requirement == .landMu && $0.1.failures[0].direction == .lower }
            .sorted { $0.1.failures[0].relative < $1.1.failures[0].relative }
        var out: [NearMiss] = []
        for (site, s) in small.prefix(3) {
            for n in try finder.neighbours(of: site.parcelIDs[0], tolerance: toleranceM) {
                let other = try finder.parcel(n.parcelID)
                let total = site.areaMu + (other.cadastralAreaMu ?? other.ellipsoidalAreaMu)
                guard total >= lo, total <= bounds.max ?? .infinity else { continue }
                let how = n.distanceM == 0 ? "touching" : "neighbouring (\(Figures.text(n.distanceM, decimals: 1)) m away)"
                out.append(NearMiss(kind: .adjacent, requirement: Requirement.landMu.rawValue,
                    text: "\(site.parcelIDs[0]) (\(Figures.text(site.areaMu, decimals: 1)) mu): adding the \(how) parcel \(n.parcelID) (\(other.status?.rawValue ?? "no status")) reaches \(Figures.text(total, decimals: 1)) mu",
                    parcels: [site.parcelIDs[0], n.parcelID], rank: s.failures[0].relative))
                break
            }
        }
        return out
    }

    /// Which single requirement emptied the list: those that, dropped alone, would let sites pass.
    func emptied(found: Int, excluded: [String: Int]) -> [NearMiss] {
        if found == 0 {
            return [NearMiss(kind: .emptied, text: "no site passes: no available site was found at all "
                             + "(offered statuses, zones and distance checked before any other requirement)", rank: 0)]
        }
        let culprits = excluded.filter { $0.value > 0 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        guard !culprits.isEmpty else {
            return [NearMiss(kind: .emptied, text: "no site passes, and no single requirement emptied the list: each of the \(found) available sites found fails two or more", rank: 0)]
        }
        return culprits.map { key, n in
            let words = Requirement(rawValue: key)?.words ?? key
            return NearMiss(kind: .emptied, requirement: key,
                            text: "no site passes: \(words) (\(key)) alone emptied the list; without it \(n) site\(n == 1 ? "" : "s") would pass",
                            adds: n, rank: 0)
        }
    }
}

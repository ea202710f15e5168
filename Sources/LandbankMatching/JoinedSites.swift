import LandbankGeometry
import LandbankRegistry

/// The joined sites for one demand: available parcels that meet every requirement but the area (and the zone's
/// per-mu gates, which depend on the whole site's area) are the parts; `Assembly` enumerates the connected sets
/// of parts whose summed area lies in the demand's range; each set is then judged as one site (area, gates on
/// the summed area) with its distance the nearest part's.
struct JoinedSites {
    let finder: SiteFinder
    let screen: Screen
    let options: MatchOptions

    func find(_ d: Demand) throws -> ([(Site, Screening)], AssemblyReport) {
        guard let bounds = d.landMu, let lo = bounds.min else { return ([], AssemblyReport(parts: 0, sets: 0, toleranceM: options.toleranceM, maxParcels: options.maxParcels, exact: true)) }
        var parts: [ParcelHit] = []
        for hit in try finder.land(d, parts: true) {
            let alone = screen.judge(Site(land: [hit.parcel], distanceKm: hit.distanceKm))
            if alone.failed.isSubset(of: [.landMu, .zonePolicy]) { parts.append(hit) }
        }
        // No set can reach the minimum when all the parts together do not.
        guard parts.reduce(0, { $0 + ($1.parcel.cadastralAreaMu ?? $1.parcel.ellipsoidalAreaMu) }) >= lo else {
            return ([], AssemblyReport(parts: parts.count, sets: 0, toleranceM: options.toleranceM, maxParcels: options.maxParcels, exact: true))
        }
        // Which parts lie within the tolerance of each other (as `Registry.neighbours` measures it), found in
        // memory for all parts at once: their shapes in one read, pairs from a grid, a GEOS distance per pair.
        let registry = finder.registry
        guard registry.crs.kind == .projected else {
            throw RegistryError(path: registry.path, kind: .invalidArgument,
                                "neighbours are measured in metres; \(registry.crs.identifier) is geographic")
        }
        var adjacency = Array(repeating: [Int](), count: parts.count)
        let shapes = try finder.shapes(parts.map(\.parcel.parcelID))
        for (i, j) in try PlanarAdjacency.pairs(shapes, tolerance: options.toleranceM) {
            adjacency[i].append(j)
            adjacency[j].append(i)
        }
        for i in adjacency.indices { adjacency[i].sort() }
        let areas = parts.map { $0.parcel.cadastralAreaMu ?? $0.parcel.ellipsoidalAreaMu }
        let result = Assembly(maxParcels: options.maxParcels)
            .connectedSets(areas: areas, adjacency: adjacency, min: lo, max: bounds.max)
        try Task.checkCancellation()  // a cancelled search stops early (Assembly) and must not pass for an answer
        let sites = result.sets.map { set -> (Site, Screening) in
            // In id order, whichever order the parts came in (the zones' gates are listed in the parcels' order).
            let members = set.map { parts[$0] }.sorted { $0.parcel.parcelID < $1.parcel.parcelID }
            let km = members.compactMap(\.distanceKm).min()
            let site = Site(land: members.map(\.parcel), distanceKm: d.near == nil ? nil : km)
            return (site, screen.judge(site))
        }
        return (sites, AssemblyReport(parts: parts.count, sets: result.sets.count, toleranceM: options.toleranceM,
                                      maxParcels: options.maxParcels, exact: result.exact))
    }

    /// The joined sites that can rank among the `limit` best, for a candidates-only answer to a demand wishing
    /// nearness (where `NearestFirst` found the single sites), instead of every set within the radius.
    ///
    /// The parts are read nearest first (`SiteFinder.nearestLand`, k = 256, then 4 × more) and numbered by
    /// distance, so that a set's root in `Assembly.Walk` is its nearest part and the set's distance the root's. The
    /// roots are walked in that order. A part joined to part x lies no farther than x's distance plus its envelope's
    /// diagonal and the tolerance; the parts not read lie at the search's reach or farther. So a root's sets are all
    /// among the parts read when no part a set of it could still grow from (those within p − 2 steps of the root,
    /// p the most parts a set may have) lies within that much of the reach; else more parts are read. A set of p
    /// parcels at distance d or farther scores at most `bound(d, p)`: before each root, the walk stops once the
    /// `limit`-th best score (the single sites' in `known` counted) is above the bound of two parcels at the root's
    /// distance, and each root is walked only up to the size whose bound can still reach that score. The sets then
    /// found hold every set that the whole radius's search would rank among the `limit` best.
    func nearestFirst(_ d: Demand, limit: Int, scorer: Scorer, bound: (Double, Int) -> Double,
                      known: [Double], firstRound: Int? = nil) throws -> ([(Site, Screening)], AssemblyReport) {
        var limits = Assembly(maxParcels: options.maxParcels)
        func report(_ parts: Int, _ sets: Int, _ exact: Bool) -> AssemblyReport {
            var r = AssemblyReport(parts: parts, sets: sets, toleranceM: options.toleranceM, maxParcels: options.maxParcels, exact: exact)
            r.nearestFirst = true
            return r
        }
        // Zones whose gates refuse the demand on any land are not searched.
        guard let bounds = d.landMu, let lo = bounds.min, limit > 0, let land = screen.landSearch() else {
            return ([], report(0, 0, true))
        }
        let registry = finder.registry
        guard registry.crs.kind == .projected else {
            throw RegistryError(path: registry.path, kind: .invalidArgument,
                                "neighbours are measured in metres; \(registry.crs.identifier) is geographic")
        }
        // The `limit` best scores so far, best first.
        var best = Array(known.sorted(by: >).prefix(limit))
        func keep(_ score: Double) {
            guard best.count < limit || score > best[limit - 1] else { return }
            best.insert(score, at: best.firstIndex { $0 < score } ?? best.count)
            if best.count > limit { best.removeLast() }
        }
        var out: [(Site, Screening)] = []
        var walked = 0, k = firstRound ?? 256, partsRead = 0
        // Whether the boxes of the radius's parts were looked at, and found that no part not read joins any.
        var lookedAtBoxes = false, closed = false
        while true {
            try Task.checkCancellation()
            let (hits, reach) = try finder.nearestLand(land, count: k, parts: true)
            // A part failing its zone's gates alone fails them in any set: the per-mu gates only tighten as the
            // area grows (`find` keeps such parts, whose sets its near misses may name).
            let parts = hits.filter { hit in
                screen.judge(Site(land: [hit.parcel], distanceKm: hit.distanceKm)).failed.isSubset(of: [.landMu])
            }.sorted { ($0.distanceKm ?? 0, $0.parcel.parcelID) < ($1.distanceKm ?? 0, $1.parcel.parcelID) }
            partsRead = parts.count
            let shapes = try finder.shapes(parts.map(\.parcel.parcelID))
            var adjacency = Array(repeating: [Int](), count: parts.count)
            for (i, j) in try PlanarAdjacency.pairs(shapes, tolerance: options.toleranceM) {
                adjacency[i].append(j)
                adjacency[j].append(i)
            }
            // How far (km) beyond a part's own distance a part joined to it can lie: its envelope's diagonal and
            // the tolerance, 2% added for the projection's scale, and a metre.
            let reachBeyond = shapes.map { s in
                let b = s.boundingBox
                let diagonal = ((b.maxX - b.minX) * (b.maxX - b.minX) + (b.maxY - b.minY) * (b.maxY - b.minY)).squareRoot()
                return (diagonal + options.toleranceM) * 1.02 / 1000 + 0.001
            }
            // Whether every set rooted at `v` of at most `most` parts is among the parts read: no part such a set
            // could still grow from (within most − 2 steps of v through parts numbered after it) may join a part
            // not read, which lies at `reach` or farther.
            func complete(_ v: Int, _ most: Int) -> Bool {
                guard reach < .infinity, !closed else { return true }
                var seen: Set<Int> = [v], frontier = [v]
                for step in 0...max(0, most - 2) {
                    for x in frontier where (parts[x].distanceKm ?? 0) + reachBeyond[x] >= reach { return false }
                    guard step < most - 2 else { break }
                    frontier = frontier.flatMap { adjacency[$0] }.filter { $0 > v && seen.insert($0).inserted }
                }
                return true
            }
            var walk = Assembly.Walk(limits, areas: parts.map { $0.parcel.cadastralAreaMu ?? $0.parcel.ellipsoidalAreaMu },
                                     adjacency: adjacency, min: lo, max: bounds.max)
            /// Walks the roots in order from `walked`: true once no farther set can rank, false when a root's sets
            /// may hold parts not read (or every part read is walked); nil when the walk ran out of its limits.
            func walkRoots() throws -> Bool? {
                while walked < parts.count {
                    let km = parts[walked].distanceKm ?? 0
                    if best.count == limit, best[limit - 1] > bound(km, 2) { return true }
                    // The most parcels a set rooted here may have and still reach the best scores.
                    var most = options.maxParcels
                    if best.count == limit { while most > 2, bound(km, most) < best[limit - 1] { most -= 1 } }
                    guard complete(walked, most) else { return false }
                    for set in walk.sets(rootedAt: walked, upTo: most) {
                        let members = set.map { parts[$0] }.sorted { $0.parcel.parcelID < $1.parcel.parcelID }
                        let site = Site(land: members.map(\.parcel), distanceKm: km)
                        let s = screen.judge(site)
                        if s.passes { keep(scorer.score(site, s, words: false).score) }
                        out.append((site, s))
                    }
                    try Task.checkCancellation()
                    guard walk.exact else { return nil }
                    walked += 1
                }
                return false
            }
            guard var settled = try walkRoots() else { return (out, report(partsRead, out.count, false)) }
            if !settled, reach < .infinity, !lookedAtBoxes {
                // Not settled by the parts read: before reading many more, the boxes of every part within the
                // radius, from the spatial index alone. When no part not read lies within the tolerance of another
                // part, none is in any set: the sets of the parts read are all there are, walked to the end.
                lookedAtBoxes = true
                let read = Set(hits.map(\.parcel.fid))
                if PlanarAdjacency.partnered(try finder.partBoxes(land), tolerance: options.toleranceM).isSubset(of: read) {
                    closed = true
                    guard let done = try walkRoots() else { return (out, report(partsRead, out.count, false)) }
                    settled = done || walked == parts.count
                }
            }
            if settled || reach == .infinity && walked == parts.count { return (out, report(partsRead, out.count, true)) }
            if walked == parts.count, best.count == limit, best[limit - 1] > bound(reach, 2) {
                return (out, report(partsRead, out.count, true))
            }
            limits.maxSteps -= walk.steps
            limits.maxSets -= walk.found
            // Every part read walked and still fewer than `limit` sites: no bound can settle the list until more
            // sets are found, so read far more at once (each round reads its parts anew).
            k *= walked == parts.count && best.count < limit ? 16 : 4
        }
    }

    /// The GEOS union of parcels and its compactness.
    static func union(_ ids: [String], finder: SiteFinder) throws -> UnionShape {
        let geos = try GEOSContext()
        return try geos.union(try ids.map { .multiPolygon(try finder.shape($0)) })
    }
}

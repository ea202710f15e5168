import LandbankGeometry
import LandbankRegistry

/// How many candidates to give and how joined sites are searched.
public struct MatchOptions: Sendable {
    public var limit: Int
    /// Parcels this close (m) or touching may be joined; never across a wider gap.
    public var toleranceM: Double
    public var maxParcels: Int
    /// Join parcels when fewer than `limit` single sites pass.
    public var assemble: Bool
    /// Say what each requirement excludes and what would change the answer (`excluded`, `nearMisses`). That
    /// runs the search again with each index-backed requirement dropped — without the distance, every parcel of
    /// the area range in the registry — which on a large registry costs far more than the candidates; a map
    /// that only draws candidates turns it off.
    public var explain: Bool
    /// Without the explanation: sites in the first nearest-first round (nil: 8 × limit, at least 64); tests make
    /// it small.
    var firstRound: Int?

    public init(limit: Int = 10, toleranceM: Double = 5, maxParcels: Int = 6, assemble: Bool = true, explain: Bool = true) {
        self.limit = limit
        self.toleranceM = toleranceM
        self.maxParcels = maxParcels
        self.assemble = assemble
        self.explain = explain
    }
}

/// Answers demands on one registry: finds the available sites through the indexes, keeps those meeting every
/// hard requirement, ranks them by the soft wishes, and says what would change the answer. Only reads.
///
/// Thread rule: uses the registry; one thread at a time.
public final class Matcher {
    let registry: Registry
    public let book: PolicyBook
    private let neighbours = NeighbourCache()
    private let search: SiteSearch

    public init(registry: Registry, book: PolicyBook) throws {
        self.registry = registry
        self.book = book
        search = try SiteSearch(registry)
    }

    /// A matcher for the registry as it is now, on this thread: the policies read again and nothing remembered
    /// from before, but this one's site search kept (its PROJ transformations depend on the CRS alone).
    func renewed() throws -> Matcher {
        Matcher(registry: registry, book: try PolicyBook(registry: registry), search: search)
    }

    private init(registry: Registry, book: PolicyBook, search: SiteSearch) {
        self.registry = registry
        self.book = book
        self.search = search
    }

    public convenience init(registry: Registry) throws {
        try self.init(registry: registry, book: try PolicyBook(registry: registry))
    }

    public func match(_ d: Demand, options: MatchOptions = MatchOptions()) throws -> MatchAnswer {
        // A server's request may be cancelled (its client gone, its time up): each step checks (none on the CLI).
        try Task.checkCancellation()
        neighbours.trim()
        let finder = SiteFinder(registry: registry, book: book, search: search, neighbours: neighbours)
        let screen = Screen(demand: d, book: book)
        // Each site once, judged as it comes: its index in `judged` by its key.
        var universe: [String: Int] = [:]
        var judged: [(Site, Screening)] = []
        func add(_ s: Site, _ screening: Screening? = nil, key: String? = nil) {
            let key = key ?? s.key
            guard universe[key] == nil else { return }
            universe[key] = judged.count
            judged.append((s, screening ?? screen.judge(s)))
        }
        // The full query first, then each index-backed requirement dropped; a site keeps the distance of the
        // first query that measured it. The sites found without the point are summed up (`PointFreeSites`), not
        // judged again for every demand: those beyond the radius fail at least the distance.
        var pointFree: [PointFreeSites] = []
        let nearestFirst = NearestFirst(demand: d, finder: finder, screen: screen, scorer: Scorer(demand: d, book: book),
                                        limit: options.limit, firstRound: options.firstRound)
        let nearest = options.explain ? nil : try nearestFirst.find()
        if let nearest {
            for (site, s) in nearest { add(site, s) }
        }
        if nearest == nil, d.wantsLand {
            for drop in [nil] + (options.explain ? droppable(d, land: true) : []) {
                try Task.checkCancellation()
                if drop == .near {
                    pointFree.append(try beyond(d, land: true, finder: finder, screen: screen))
                    continue
                }
                for hit in try finder.land(d, dropping: drop) { add(Site(land: [hit.parcel], distanceKm: hit.distanceKm)) }
            }
        }
        if nearest == nil, d.wantsFloor {
            for drop in [nil] + (options.explain ? droppable(d, land: false) : []) {
                try Task.checkCancellation()
                if drop == .near {
                    pointFree.append(try beyond(d, land: false, finder: finder, screen: screen))
                    continue
                }
                for (hit, parcel) in try finder.floor(d, dropping: drop) {
                    add(Site(floor: hit.building, on: parcel, distanceKm: hit.distanceKm))
                }
            }
        }
        try Task.checkCancellation()
        var assembly: AssemblyReport?
        let singlesPassing = judged.filter { $0.1.passes && $0.0.kind == .land }.count
        if options.assemble, d.wantsLand, d.landMu?.min != nil, singlesPassing < options.limit {
            let sites = JoinedSites(finder: finder, screen: screen, options: options)
            let (joined, report): ([(Site, Screening)], AssemblyReport)
            if nearest != nil, let bound = nearestFirst.scoreBound() {
                // Candidates only, nearest first: only the sets that can rank among the best (the single sites
                // found are all there are, so their scores count).
                let scorer = nearestFirst.scorer
                let known = judged.filter { $0.1.passes }.map { scorer.score($0.0, $0.1, words: false).score }
                (joined, report) = try sites.nearestFirst(d, limit: options.limit, scorer: scorer, bound: bound, known: known,
                                                          firstRound: options.firstRound)
            } else {
                (joined, report) = try sites.find(d)
            }
            judged += joined
            assembly = report
        }
        var scorer = Scorer(demand: d, book: book)
        let passing = judged.filter { $0.1.passes }
        scorer.cheapestRent = passing.compactMap { $0.0.building?.rentYuanM2Month }.min()
        scorer.cheapestPrice = passing.compactMap { $0.0.kind == .land ? Screen.landPrice($0.0) : nil }.min()
        // Every passing site scored, only the kept ones put in words.
        var ranked = passing.map { site, s in
            (Candidate(site: site, score: scorer.score(site, s, words: false).score, reliability: s.reliability, reasons: [], missing: s.missing), s)
        }
        ranked.sort { Self.ranked($0.0, $1.0) }
        var candidates = ranked.prefix(options.limit).map { c, s in
            var c = c
            c.reasons = scorer.score(c.site, s).reasons
            return c
        }
        candidates = try withShapes(candidates, finder: finder, scorer: scorer, judged: judged)
        // One pass over the sites: those failing exactly one requirement, counted by it (only when explaining).
        var failingOnly: [Requirement: Int] = [:]
        var found = judged.count
        var beyondMisses: [(Site, Screening)] = []
        if options.explain {
            for (_, s) in judged { if let r = s.onlyFailed { failingOnly[r, default: 0] += 1 } }
            // Sites found without the point and not within the radius: counted, and those failing only on the
            // distance named as near misses in their order (all rank alike, so the first few are all it can use).
            for p in pointFree {
                found += p.all.count - universe.keys.filter { p.all.contains($0) }.count
                failingOnly[.near, default: 0] += p.onlyNear.count - universe.keys.filter { p.onlyNearKeys.contains($0) }.count
                beyondMisses += p.onlyNear.lazy.filter { universe[$0.key] == nil }.prefix(NearMisses.maxSites).map { ($0.site, $0.screening) }
            }
        }
        try Task.checkCancellation()
        let excluded = !options.explain ? [:] : Dictionary(uniqueKeysWithValues: stated(d).map { r in (r.rawValue, failingOnly[r] ?? 0) })
        let misses = !options.explain ? [] : try NearMisses(demand: d, finder: finder, toleranceM: options.toleranceM)
            .list(judged: judged + beyondMisses, found: found, candidates: candidates.count, excluded: excluded)
        return MatchAnswer(demand: d.id, name: d.name, candidates: candidates, excluded: excluded, nearMisses: misses,
                           assembly: assembly, landStatuses: book.landStatuses.map(\.rawValue),
                           floorStatuses: book.floorStatuses.map(\.rawValue))
    }

    /// The sites found with the distance dropped, without distance (those also within the radius are found
    /// before, with theirs), judged and summed up: the same for every demand that differs only in its point, so
    /// kept for the matcher's life under the demand without its id, name and point.
    private func beyond(_ d: Demand, land: Bool, finder: SiteFinder, screen: Screen) throws -> PointFreeSites {
        var general = d
        general.id = ""
        general.name = nil
        general.near?.lon = 0
        general.near?.lat = 0
        let key = (land ? "land\u{0}" : "floor\u{0}") + String(describing: general)
        if let known = neighbours.pointFreeJudged[key] { return known }
        let sites = land ? try finder.land(d, dropping: .near).map { Site(land: [$0.parcel], distanceKm: nil) }
            : try finder.floor(d, dropping: .near).map { Site(floor: $0.0.building, on: $0.1, distanceKm: nil) }
        let summary = PointFreeSites(sites.map { JudgedSite(key: $0.key, site: $0, screening: screen.judge($0)) })
        neighbours.keepPointFree(summary, key: key)
        return summary
    }

    /// Higher score first; then nearer, fewer parcels, and by id so that the order is stable.
    static func ranked(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let da = a.site.distanceKm ?? 0, db = b.site.distanceKm ?? 0
        if da != db { return da < db }
        if a.site.parcels.count != b.site.parcels.count { return a.site.parcels.count < b.site.parcels.count }
        return a.site.key < b.site.key
    }

    /// Joined sites get their union and compactness (GEOS) only once they are among the best, then are scored again.
    private func withShapes(_ list: [Candidate], finder: SiteFinder, scorer: Scorer, judged: [(Site, Screening)]) throws -> [Candidate] {
        var out: [Candidate] = []
        for var c in list {
            if c.site.parcels.count > 1, c.site.kind == .land, c.site.shape == nil {
                c.site.shape = try JoinedSites.union(c.site.parcelIDs, finder: finder)
                // A joined site, so only joined sites are compared (building a single site's key costs as much).
                let s = judged.first { $0.0.parcels.count > 1 && $0.0.key == c.site.key }!.1
                (c.score, c.reasons) = scorer.score(c.site, s)
            }
            out.append(c)
        }
        return out.sorted(by: Self.ranked)
    }

    /// The index-backed requirements the demand states, which the finder can drop one at a time.
    func droppable(_ d: Demand, land: Bool) -> [Requirement] {
        var out: [Requirement] = []
        if d.zones != nil { out.append(.zones) }
        if land ? d.landMu != nil : d.floorSpaceM2?.min != nil { out.append(land ? .landMu : .floorSpace) }
        if d.near != nil { out.append(.near) }
        return out
    }

    /// Every hard requirement the demand states, for `excluded`.
    func stated(_ d: Demand) -> [Requirement] {
        var out: [Requirement] = []
        if d.zones != nil { out.append(.zones) }
        if d.near != nil { out.append(.near) }
        if d.wantsLand, d.landMu != nil { out.append(.landMu) }
        if d.wantsFloor {
            if d.floorSpaceM2 != nil { out.append(.floorSpace) }
            if d.clearHeightM != nil { out.append(.clearHeight) }
            if d.floorLoadKNm2 != nil { out.append(.floorLoad) }
            if d.powerKVA != nil { out.append(.power) }
            if d.craneT != nil { out.append(.crane) }
            if d.maxRentYuanM2Month != nil { out.append(.rent) }
        }
        if d.wantsLand, d.maxLandPriceYuanPerMu != nil { out.append(.landPrice) }
        if d.availableBy != nil { out.append(.availableBy) }
        if book.policies.values.contains(where: \.hasGates) { out.append(.zonePolicy) }
        return out
    }
}

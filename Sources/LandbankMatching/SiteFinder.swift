import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle
import LandbankRegistry

/// Finds the available sites a demand could use through the registry's indexed site search (`SiteSearch`, what
/// `findParcels`/`findBuildings` run: R*Tree and B-tree indexes, never a full scan; one `SiteSearch` is kept
/// because making one builds PROJ transformations, which costs far more than a query), one query per available status, with the
/// index-backed requirements (zone, distance, area range) dropped one at a time so that the sites each of them
/// removes can be counted. A site is available when its status is one its zone's policy offers.
///
/// Thread rule: uses the registry and its PROJ objects; one thread at a time.
final class SiteFinder {
    let registry: Registry
    let book: PolicyBook
    /// What the matcher's life remembers: neighbours, parcels and shapes read, the searches without a point.
    private let adjacency: NeighbourCache

    private let search: SiteSearch

    init(registry: Registry, book: PolicyBook, search: SiteSearch, neighbours: NeighbourCache = NeighbourCache()) {
        self.registry = registry
        self.book = book
        self.search = search
        adjacency = neighbours
    }

    /// The parcels touching `id` or within the tolerance (`Registry.neighbours`), remembered for the process.
    func neighbours(of id: String, tolerance: Double) throws -> [Neighbour] {
        let key = "\(tolerance)\u{0}\(id)"
        if let n = adjacency.known[key] { return n }
        let n = try registry.neighbours(of: id, tolerance: tolerance)
        adjacency.known[key] = n
        return n
    }

    /// The available land parcels meeting the demand's index-backed requirements except `drop`. With
    /// `parts`, the area range keeps only its maximum (parcels that could be joined into a site).
    func land(_ d: Demand, dropping drop: Requirement? = nil, parts: Bool = false) throws -> [ParcelHit] {
        var out: [ParcelHit] = []
        let zones: [String?] = drop == .zones ? [nil] : d.zones.map { $0.map(Optional.some) } ?? [nil]
        let bounds = drop == .landMu ? nil : d.landMu
        for status in book.landStatuses {
            for zone in zones {
                let q = ParcelQuery(status: status, zone: zone, minMu: parts ? nil : bounds?.min, maxMu: bounds?.max,
                                    near: drop == .near ? nil : d.near.map(Self.point))
                let key = q.near == nil ? "\(status.rawValue)\u{0}\(zone ?? "\u{1}")\u{0}\(String(describing: q.minMu))\u{0}\(String(describing: q.maxMu))" : nil
                // A search without a point gives the same sites to every demand of a pipeline: read it once.
                if let key, let known = adjacency.pointFreeLand[key] { out += known; continue }
                var found: [ParcelHit] = []
                for hit in try search.parcels(q).hits where book.policy(hit.parcel.zone).availableStatuses.contains(status) {
                    adjacency.parcels[hit.parcel.parcelID] = hit.parcel
                    found.append(hit)
                }
                if let key { adjacency.pointFreeLand[key] = found }
                out += found
            }
        }
        return out
    }

    /// Of the nearest `count` parcels in an allowed zone meeting the demand's index-backed requirements in a
    /// status some zone offers, the available ones (a zone's policy may offer fewer statuses); and how far that
    /// is known to reach: every available such parcel nearer than `reach` km is among them (infinity: every one
    /// within the radius is). One search for all those statuses (`ParcelQuery.statuses`): a search per status
    /// would read the window's rows once for each; rows of other statuses are left in SQLite, never decoded.
    /// With `parts`, the area range keeps only its maximum (as `land`).
    func nearestLand(_ d: Demand, count: Int, parts: Bool = false) throws -> (hits: [ParcelHit], reach: Double) {
        var q = landQuery(d, parts: parts)
        q.limit = count
        // Parts are joined next, which needs their shapes: those the search decoded, kept.
        q.withShapes = parts
        let page = try search.parcels(q)
        let reach = page.nextPageToken == nil ? Double.infinity : page.hits.last?.distanceKm ?? 0
        var out: [ParcelHit] = []
        for var hit in page.hits {
            guard let status = hit.parcel.status, book.policy(hit.parcel.zone).availableStatuses.contains(status) else { continue }
            adjacency.parcels[hit.parcel.parcelID] = hit.parcel
            if let shape = hit.shape { adjacency.shapes[hit.parcel.parcelID] = shape }
            hit.shape = nil
            out.append(hit)
        }
        return (out, reach)
    }

    /// The search for a demand's land: one for all the allowed zones, as for the statuses; `parts`: of any area up
    /// to the maximum (the parts of joined sites).
    private func landQuery(_ d: Demand, parts: Bool) -> ParcelQuery {
        var q = ParcelQuery(minMu: parts ? nil : d.landMu?.min, maxMu: d.landMu?.max, near: d.near.map(Self.point))
        q.zones = d.zones
        q.statuses = book.landStatuses
        return q
    }

    /// The boxes of every part `nearestLand(d, parts: true)` could find within the radius, from the spatial
    /// index alone (a superset).
    func partBoxes(_ d: Demand) throws -> [ParcelBox] {
        try search.parcelBoxes(landQuery(d, parts: true))
    }

    /// Of the nearest `count` buildings of each allowed zone meeting the demand's index-backed requirements in a
    /// status some zone offers for floor space, the available ones with their parcels, and how far that is known
    /// to reach (as `nearestLand`).
    func nearestFloor(_ d: Demand, count: Int) throws -> (hits: [(BuildingHit, Parcel)], reach: Double) {
        var out: [(BuildingHit, Parcel)] = []
        var reach = Double.infinity
        for zone in d.zones.map({ $0.map(Optional.some) }) ?? [nil] {
            // Every building minimum of the demand, an unknown value passing (missing data rank a site lower): the
            // site index skips the buildings that fail one, instead of reading, measuring and judging each.
            var criteria = BuildingCriteria(minVacantM2: d.floorSpaceM2?.min, minClearHeightM: d.clearHeightM,
                                            minFloorLoadKNm2: d.floorLoadKNm2, minPowerKVA: d.powerKVA, minCraneT: d.craneT)
            criteria.orUnknown = true
            var q = BuildingQuery(criteria: criteria, parcelZone: zone, near: d.near.map(Self.point), limit: count)
            q.statuses = book.floorStatuses
            let page = try search.buildings(q)
            if page.nextPageToken != nil { reach = min(reach, page.hits.last?.distanceKm ?? 0) }
            try readParcels(page.hits.filter(\.hasVacantFloor).map(\.building.parcelID))
            for hit in page.hits {
                guard let status = hit.building.status, hit.hasVacantFloor else { continue }
                let p = try parcel(hit.building.parcelID)
                guard book.policy(p.zone).availableFloorStatuses.contains(status) else { continue }
                out.append((hit, p))
            }
        }
        return (out, reach)
    }

    /// Every available building with vacant floor space (of a parcel in `zone`, or in any), with its parcel.
    func availableFloor(zone: String? = nil) throws -> [(Building, Parcel)] {
        var any = Demand(id: "available floor space", wants: .floorSpace)
        any.zones = zone.map { [$0] }
        return try floor(any).map { ($0.0.building, $0.1) }
    }

    /// The available buildings with vacant floor space meeting the demand's index-backed requirements except
    /// `drop`, each with its parcel.
    func floor(_ d: Demand, dropping drop: Requirement? = nil) throws -> [(BuildingHit, Parcel)] {
        var out: [(BuildingHit, Parcel)] = []
        let zones: [String?] = drop == .zones ? [nil] : d.zones.map { $0.map(Optional.some) } ?? [nil]
        let minVacant = drop == .floorSpace ? nil : d.floorSpaceM2?.min
        for status in book.floorStatuses {
            for zone in zones {
                let q = BuildingQuery(criteria: BuildingCriteria(minVacantM2: minVacant), status: status, parcelZone: zone,
                                      near: drop == .near ? nil : d.near.map(Self.point))
                let key = q.near == nil ? "\(status.rawValue)\u{0}\(zone ?? "\u{1}")\u{0}\(String(describing: minVacant))" : nil
                if let key, let known = adjacency.pointFreeFloor[key] { out += known; continue }
                var found: [(BuildingHit, Parcel)] = []
                let hits = try search.buildings(q).hits
                try readParcels(hits.filter(\.hasVacantFloor).map(\.building.parcelID))
                for hit in hits {
                    guard hit.hasVacantFloor else { continue }
                    let p = try parcel(hit.building.parcelID)
                    guard book.policy(p.zone).availableFloorStatuses.contains(status) else { continue }
                    found.append((hit, p))
                }
                if let key { adjacency.pointFreeFloor[key] = found }
                out += found
            }
        }
        return out
    }

    static func point(_ n: Demand.Near) -> NearPoint { NearPoint(lon: n.lon, lat: n.lat, withinKm: n.maxKm) }

    /// A parcel by id, read once.
    func parcel(_ id: String) throws -> Parcel {
        if let p = adjacency.parcels[id] { return p }
        guard let (p, g) = try registry.parcel(id: id) else {
            throw RegistryError(path: registry.path, kind: .notFound, "no parcel with id \"\(id)\"")
        }
        adjacency.parcels[id] = p
        adjacency.shapes[id] = g
        return p
    }

    /// Reads the parcels of these ids not read yet, by one statement and without their shapes (read when a
    /// site needs one, `shape`), so that `parcel(_:)` finds them: a floor-space search needs the parcel of each
    /// building it finds (one read each was most of a candidates-only answer's time; with its shape, a third).
    func readParcels(_ ids: [String]) throws {
        let missing = ids.filter { adjacency.parcels[$0] == nil }
        guard !missing.isEmpty else { return }
        for (id, p) in try registry.parcels(ids: missing) { adjacency.parcels[id] = p }
    }

    /// The geometries of many parcels in the registry's CRS, those not yet read read together in one snapshot.
    func shapes(_ ids: [String]) throws -> [MultiPolygon] {
        let missing = ids.filter { adjacency.shapes[$0] == nil }
        if !missing.isEmpty { adjacency.shapes.merge(try registry.shapes(of: missing)) { a, _ in a } }
        return try ids.map { id in
            guard let g = adjacency.shapes[id] else {
                throw RegistryError(path: registry.path, kind: .notFound, "no parcel with id \"\(id)\"")
            }
            return g
        }
    }

    /// A parcel's geometry in the registry's CRS, read once.
    func shape(_ id: String) throws -> MultiPolygon {
        if let g = adjacency.shapes[id] { return g }
        guard let (p, g) = try registry.parcel(id: id) else {
            throw RegistryError(path: registry.path, kind: .notFound, "no parcel with id \"\(id)\"")
        }
        adjacency.parcels[id] = p
        adjacency.shapes[id] = g
        return g
    }

    /// Km from the demand's point to the nearest edge of a geometry in the registry's CRS (as the site search
    /// measures it), for sites found without the point.
    func distanceKm(from n: Demand.Near, to g: MultiPolygon) throws -> Double {
        if adjacency.distance == nil { adjacency.distance = try PointDistance(registry: registry) }
        return try adjacency.distance!.km(from: Point(x: n.lon, y: n.lat), to: g)
    }
}

/// What one matcher remembers for its life (a CLI run, a server request, a `--demands` or `--batch` pipeline), since
/// matching only reads: neighbours already measured (a pipeline asks for the same parcels' neighbours again and
/// again), parcels and shapes read, and the results of the searches without a point (the sites a requirement
/// other than the distance removes: the same whole-registry searches for every demand with the same area range).
/// Also keeps the distance's transformations, made once.
final class NeighbourCache {
    var known: [String: [Neighbour]] = [:]
    var distance: PointDistance?
    var parcels: [String: Parcel] = [:]
    var shapes: [String: MultiPolygon] = [:]
    /// Keyed by status, zone and the area or floor-space bounds of the search.
    var pointFreeLand: [String: [ParcelHit]] = [:]
    var pointFreeFloor: [String: [(BuildingHit, Parcel)]] = [:]
    /// The same sites judged for a demand without its point (`Matcher.beyond`), for the last few demand shapes
    /// only: each holds every site of the registry that the demand's other index-backed requirements let through.
    var pointFreeJudged: [String: PointFreeSites] = [:]

    /// The most parcels, shapes or neighbour lists kept. Parcels and shapes are keyed by parcel id, so the
    /// registry's size bounds them already; the limit only keeps a matcher of a very large registry from holding
    /// all of it (about 1 KB a parcel with its shape). A lower limit costs more than it saves: a search for joined
    /// sites within 20 km reads 15,000–30,000 parcels, and a floor-space search reads each building's parcel
    /// (measured at 20,000: assembly 192 → 618 ms p50, buildings 2.3 → 15 ms, in bench-match).
    let limit: Int

    init(limit: Int = 1_000_000) { self.limit = limit }

    /// Forgets the parcels, shapes and neighbours read once any of them passes `limit`, and the searches without a
    /// point past 16 of them (between matches: a match holds no reference into them). Those searches are keyed by
    /// their area or floor-space bounds, so a server answering demands with ever new bounds kept one more whole-
    /// registry search for each, without end.
    func trim() {
        if parcels.count > limit { parcels = [:] }
        if shapes.count > limit { shapes = [:] }
        if known.count > limit { known = [:] }
        // Each search without a point holds every site of its range in the registry: a few ranges at most.
        if pointFreeLand.count > 16 { pointFreeLand = [:] }
        if pointFreeFloor.count > 16 { pointFreeFloor = [:] }
    }

    func keepPointFree(_ s: PointFreeSites, key: String) {
        if pointFreeJudged.count >= 8 { pointFreeJudged.removeAll() }
        pointFreeJudged[key] = s
    }
}

/// The sites a demand's query finds without its point, judged without a distance (so each fails at least the
/// distance): their keys, and those failing on nothing else, in the order their near misses are sorted.
struct PointFreeSites {
    var all: Set<String>
    var onlyNear: [JudgedSite]
    var onlyNearKeys: Set<String>

    init(_ judged: [JudgedSite]) {
        all = Set(judged.map(\.key))
        onlyNear = judged.filter { $0.screening.onlyFailed == .near }
            .map { (NearMisses.name($0.site) + " fails", $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        onlyNearKeys = Set(onlyNear.map(\.key))
    }
}

/// A site with its key and what a demand's requirements say of it.
struct JudgedSite {
    var key: String
    var site: Site
    var screening: Screening
}

/// The site search's distance: the point taken into the registry's plane, the nearest boundary point found
/// there (0 inside), brought back to lon/lat, and the geodesic to it measured on the CRS's ellipsoid (Karney).
struct PointDistance {
    let toRegistry: Transformation
    let toLonLat: Transformation
    let geodesic: GeodesicDistance

    init(registry: Registry) throws {
        let lonLat = try registry.makeCRS("EPSG:4326")
        toRegistry = try Transformation(from: lonLat, to: registry.crs)
        toLonLat = try Transformation(from: registry.crs, to: lonLat)
        geodesic = GeodesicDistance(try registry.crs.ellipsoid())
    }

    func km(from lonLat: Point, to g: MultiPolygon) throws -> Double {
        let nearest = NearestBoundaryPoint(of: g, to: try toRegistry.transform(lonLat))
        if nearest.inside { return 0 }
        return geodesic.metres(from: lonLat, to: try toLonLat.transform(nearest.point)) / 1000
    }
}

extension BuildingHit {
    /// Floor space is on offer only where some is vacant: the parcels of other buildings need not be read.
    var hasVacantFloor: Bool { (building.vacantFloorAreaM2 ?? 0) > 0 }
}

import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Site searches against a full scan of a random registry: every parcel's attributes, buildings and geometry
/// read one by one and the query's definition applied by hand.
@Suite("Site queries", .serialized)
struct QueryTests {
    // One registry for the suite, built once; `.serialized` keeps its use to one test at a time.
    nonisolated(unsafe) static let registry = Result { try RandomSites.make(seed: 20_240_610) }

    struct Site { var parcel: Parcel; var geometry: MultiPolygon; var buildings: [Building] }

    static let sites = Result { try sites(of: try registry.get()) }

    /// Every parcel of `r` with its geometry and buildings, read one by one.
    static func sites(of r: Registry) throws -> [Site] {
        let byParcel = Dictionary(grouping: try r.buildings(), by: \.parcelID)
        return try r.parcels().map { p in
            Site(parcel: p, geometry: try #require(try r.parcel(id: p.parcelID)).geometry, buildings: byParcel[p.parcelID] ?? [])
        }
    }

    /// The full scan: which parcels match, with distances, in the query's order.
    static func scan(_ q: ParcelQuery, _ search: SiteSearch, sites given: [Site]? = nil) throws -> [(String, Double?)] {
        var out: [(id: String, key: Double, d: Double?)] = []
        for s in try given ?? sites.get() where q.matchesAttributes(s.parcel) {
            if !q.buildings.isEmpty, !s.buildings.contains(where: q.buildings.matches) { continue }
            if let b = q.bbox, !s.geometry.intersects(b) { continue }
            var d: Double?
            if let n = q.near {
                d = try search.distanceKm(from: n.point, plane: try search.toRegistry.transform(n.point), to: s.geometry)
                if d! > n.withinKm { continue }
            }
            let key: Double
            switch q.effectiveSort {
            case .parcelID: key = 0
            case .area: key = -(s.parcel.cadastralAreaM2 ?? 0)
            case .distance: key = d!
            }
            out.append((s.parcel.parcelID, key, d))
        }
        return out.sorted { $0.key < $1.key || ($0.key == $1.key && $0.id < $1.id) }.map { ($0.id, $0.d) }
    }

    static func randomQuery(_ g: inout SplitMix64) -> ParcelQuery {
        var q = ParcelQuery()
        func often() -> Bool { Int.random(in: 0..<3, using: &g) == 0 }
        if often() { q.status = RandomSites.statuses.randomElement(using: &g) }
        if often() { q.zone = RandomSites.zones.randomElement(using: &g) }
        if often() { q.landUse = RandomSites.uses.randomElement(using: &g) }
        if often() { q.minMu = Double.random(in: 0...20, using: &g) }
        if often() { q.maxMu = Double.random(in: 10...60, using: &g) }
        if let lo = q.minMu, let hi = q.maxMu, lo > hi { (q.minMu, q.maxMu) = (hi, lo) }
        if often() { q.buildings.minVacantM2 = Double.random(in: 0...20_000, using: &g) }
        if often() { q.buildings.minClearHeightM = Double(Int.random(in: 4...16, using: &g)) }
        if often() { q.buildings.minFloorLoadKNm2 = Double(Int.random(in: 5...50, using: &g)) }
        if often() { q.buildings.minPowerKVA = Double.random(in: 100...5_000, using: &g) }
        if often() { q.buildings.minCraneT = Double.random(in: 0...50, using: &g) }
        if often() { q.buildings.standardFactory = true }
        if often() { q.buildings.availableBy = CivilDate(year: 2025, month: Int.random(in: 1...12, using: &g), day: 1)! }
        if often() { q.buildings.orUnknown = true }
        let o = RandomSites.origin
        if often() {
            let x = o.x + Double.random(in: -500...4_500, using: &g), y = o.y + Double.random(in: -500...3_500, using: &g)
            q.bbox = BoundingBox(minX: x, minY: y, maxX: x + Double.random(in: 0...1_500, using: &g),
                                 maxY: y + Double.random(in: 0...1_500, using: &g))
        }
        if Bool.random(using: &g) {
            // Around the grid (114.9°E, 27.79°N is about its south-west corner) and a little outside it.
            q.near = NearPoint(lon: Double.random(in: 114.915...114.97, using: &g), lat: Double.random(in: 27.78...27.82, using: &g),
                               withinKm: Double.random(in: 0.2...4, using: &g))
        }
        if Int.random(in: 0..<4, using: &g) == 0 { q.sort = .area }
        // Any of a few statuses (sometimes none at all, which matches nothing).
        if often() { q.statuses = RandomSites.statuses.filter { _ in Bool.random(using: &g) } }
        // Any of a few zones, the same way.
        if often() { q.zones = RandomSites.zones.filter { _ in Bool.random(using: &g) } }
        return q
    }

    @Test("200 random combinations of filters give what a full scan gives, distances included")
    func filtersAgainstScan() throws {
        let search = try SiteSearch(try Self.registry.get())
        var g = SplitMix64(seed: 7)
        var nonEmpty = 0
        for _ in 0..<200 {
            let q = Self.randomQuery(&g)
            let expected = try Self.scan(q, search)
            let got = try search.parcels(q).hits
            #expect(got.map(\.parcel.parcelID) == expected.map(\.0), "\(q)")
            for (h, e) in zip(got, expected) { #expect(h.distanceKm == e.1) }
            if !expected.isEmpty { nonEmpty += 1 }
        }
        // The random queries must not all be empty, or the comparison proves nothing.
        #expect(nonEmpty > 60)
    }

    @Test("withShapes: each hit keeps the geometry the registry stores for it; without, none")
    func withShapes() throws {
        let registry = try Self.registry.get()
        let search = try SiteSearch(registry)
        var q = ParcelQuery(near: NearPoint(lon: 114.94, lat: 27.80, withinKm: 2), limit: 20)
        #expect(try search.parcels(q).hits.allSatisfy { $0.shape == nil })
        q.withShapes = true
        let hits = try search.parcels(q).hits
        #expect(hits.count == 20)
        for h in hits {
            let stored = try #require(try registry.parcel(id: h.parcel.parcelID)).1
            #expect(h.shape == stored, "\(h.parcel.parcelID)")
        }
    }

    @Test("parcels by id: the records `parcel(id:)` reads, once each, unknown and odd ids left out")
    func parcelsByID() throws {
        let registry = try Self.registry.get()
        let some = try registry.findParcels(ParcelQuery(limit: 40)).hits.map(\.parcel.parcelID)
        let ids = some + some.prefix(5) + ["", "no such parcel", "x\"]'\u{0}", "地块"]
        let found = try registry.parcels(ids: ids)
        #expect(found.count == 40)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for id in some {
            let p = try #require(found[id])
            let stored = try #require(try registry.parcel(id: id)).0
            #expect(try encoder.encode(p) == encoder.encode(stored), "\(id)")
        }
        #expect(try registry.parcels(ids: []).isEmpty)
    }

    @Test("nearest k against brute force, for every k from 1 to 12, with and without filters")
    func nearestK() throws {
        let search = try SiteSearch(try Self.registry.get())
        var g = SplitMix64(seed: 11)
        for k in 1...12 {
            for filtered in [false, true] {
                var q = ParcelQuery(near: NearPoint(lon: Double.random(in: 114.92...114.96, using: &g),
                                                    lat: Double.random(in: 27.79...27.81, using: &g), withinKm: 20))
                if filtered { q.minMu = 20; q.buildings.minPowerKVA = 1_000 }
                let all = try Self.scan(q, search)
                q.limit = k
                let page = try search.parcels(q)
                #expect(page.hits.map(\.parcel.parcelID) == all.prefix(k).map(\.0))
                #expect((page.nextPageToken != nil) == (all.count > k))
            }
        }
    }

    @Test("pages of 7 joined together are the whole answer, in every sort")
    func paging() throws {
        let search = try SiteSearch(try Self.registry.get())
        let near = NearPoint(lon: 114.94, lat: 27.80, withinKm: 1.5)
        for var q in [ParcelQuery(status: .recovered), ParcelQuery(status: .recovered, sort: .area),
                      ParcelQuery(near: near), ParcelQuery(near: near, sort: .area)] {
            let all = try Self.scan(q, search).map(\.0)
            var got: [String] = []
            q.limit = 7
            repeat {
                let page = try search.parcels(q)
                got += page.hits.map(\.parcel.parcelID)
                q.pageToken = page.nextPageToken
            } while q.pageToken != nil
            #expect(got == all && all.count > 14)
        }
    }

    @Test("building queries against a full scan of the buildings")
    func buildings() throws {
        let r = try Self.registry.get()
        let search = try SiteSearch(r)
        let parcels = Dictionary(uniqueKeysWithValues: try Self.sites.get().map { ($0.parcel.parcelID, $0.parcel) })
        var g = SplitMix64(seed: 5)
        var unknownsKept = 0
        for i in 0..<120 {
            let p = Self.randomQuery(&g)
            var q = BuildingQuery(criteria: p.buildings, parcelZone: p.zone, parcelStatus: p.status, near: p.near)
            // Half of them as the matcher asks: an unknown clear height, power, floor load, crane or date passes.
            q.criteria.orUnknown = i % 2 == 1
            q.statuses = p.statuses
            let expected = try r.buildings().filter { b in
                q.criteria.matches(b) && (q.parcelZone == nil || parcels[b.parcelID]?.zone == q.parcelZone)
                    && (q.statuses == nil || b.status.map { q.statuses!.contains($0) } == true)
                    && (q.parcelStatus == nil || parcels[b.parcelID]?.status == q.parcelStatus)
            }.map { b -> (String, Double?) in
                guard let n = q.near else { return (b.buildingID, nil) }
                let shape = try r.db.read { db in
                    try SpatialLayer.geometry(try #require(try Row.fetchOne(db, sql: "SELECT geom FROM buildings WHERE building_id = ?",
                                                                             arguments: [b.buildingID])), id: b.buildingID, path: "")
                }
                return (b.buildingID, try search.distanceKm(from: n.point, plane: try search.toRegistry.transform(n.point), to: shape))
            }.filter { q.near == nil || $0.1! <= q.near!.withinKm }
                .sorted { ($0.1 ?? 0, $0.0) < ($1.1 ?? 0, $1.0) }
            #expect(try search.buildings(q).hits.map(\.building.buildingID) == expected.map(\.0))
            if q.criteria.orUnknown {
                var strict = q.criteria
                strict.orUnknown = false
                unknownsKept += expected.count - expected.filter { e in strict.matches(try! r.buildings().first { $0.buildingID == e.0 }!) }.count
            }
            q.limit = 3
            #expect(try search.buildings(q).hits.map(\.building.buildingID) == expected.prefix(3).map(\.0))
        }
        // Buildings with an unknown value that a criterion kept: the comparison covered them.
        #expect(unknownsKept > 20)
    }

    @Test("the distance to a parcel is 0 inside it and the geodesic to its nearest edge outside")
    func distance() throws {
        let r = try Self.registry.get()
        let search = try SiteSearch(r)
        let (_, shape) = try #require(try r.parcel(id: "R-0000"))
        let box = shape.boundingBox
        let centre = try search.toLonLat.transform(Point(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2))
        let inside = try search.parcels(ParcelQuery(near: NearPoint(lon: centre.x, lat: centre.y, withinKm: 0.01)))
        #expect(inside.hits.map(\.parcel.parcelID) == ["R-0000"] && inside.hits[0].distanceKm == 0)
        // 100 m due west of the west edge's midpoint (grid west and true west differ by the meridian
        // convergence, about 0.5° here, so the figure is within a few mm of 0.1 km).
        let west = try search.toLonLat.transform(Point(x: box.minX - 100, y: (box.minY + box.maxY) / 2))
        let hit = try #require(try search.parcels(ParcelQuery(near: NearPoint(lon: west.x, lat: west.y, withinKm: 0.15))).hits.first)
        #expect(hit.parcel.parcelID == "R-0000" && abs(hit.distanceKm! - 0.1) < 0.0002)
    }

    @Test("values that make no query are refused with an invalid-argument error")
    func refused() throws {
        let r = try Self.registry.get()
        for q in [ParcelQuery(minMu: 5, maxMu: 1), ParcelQuery(near: NearPoint(lon: 27.8, lat: 114.9, withinKm: 1)),
                  ParcelQuery(near: NearPoint(lon: 114.9, lat: 27.8, withinKm: 0)), ParcelQuery(sort: .distance),
                  ParcelQuery(pageToken: "nonsense")] {
            #expect { _ = try r.findParcels(q) } throws: { ($0 as? RegistryError)?.kind == .invalidArgument }
        }
    }

    @Test("migration 5 puts B-tree indexes on the filtered columns, and the searches use them")
    func indexes() throws {
        let r = try Self.registry.get()
        let plan = try r.db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT 1 FROM parcels p WHERE p.cadastral_area_mu >= 80 AND p.cadastral_area_mu <= 120")
                .map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("parcels_cadastral_mu"))
        let names = try r.db.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'buildings_%'") }
        #expect(Set(names).isSuperset(of: ["buildings_vacant", "buildings_clear_height", "buildings_power", "buildings_available"]))
    }
}

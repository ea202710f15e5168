import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Each zone's extent (migration 15): kept by the import, by triggers for every other write (GDAL's included),
/// checked by `verify`, measured again by `repair`; searches restricted to zones read only inside them.
@Suite("Zone extents")
struct ZoneExtentsTests {
    /// Each zone's box as the parcels' geometries give it.
    static func measured(_ r: Registry) throws -> [String: BoundingBox] {
        var out: [String: BoundingBox] = [:]
        for p in try r.parcels() {
            guard let zone = p.zone, let e = try r.parcel(id: p.parcelID)?.geometry.boundingBox else { continue }
            out[zone] = out[zone].map { $0.union(e) } ?? e
        }
        return out
    }

    static func kept(_ r: Registry) throws -> [String: BoundingBox] {
        try r.db.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT zone, min_x, min_y, max_x, max_y FROM landbank_zone_extents").map {
                ($0[0] as String, BoundingBox(minX: $0[1], minY: $0[2], maxX: $0[3], maxY: $0[4]))
            })
        }
    }

    /// Boxes measured again from the R*Tree (migration, repair): each holds the zone's envelope, wider by at
    /// most the tree's float32 rounding.
    static func expectMeasuredAgain(_ r: Registry) throws {
        let kept = try kept(r), now = try measured(r)
        #expect(Set(kept.keys) == Set(now.keys))
        for (zone, box) in now {
            let k = try #require(kept[zone])
            #expect(k.minX <= box.minX && k.minY <= box.minY && k.maxX >= box.maxX && k.maxY >= box.maxY, "\(zone)")
            #expect(box.minX - k.minX < 1 && box.minY - k.minY < 1 && k.maxX - box.maxX < 1 && k.maxY - box.maxY < 1, "\(zone)")
        }
    }

    @Test("an import keeps each zone's box exactly; GDAL's edits (a zone changed, a parcel moved) widen it")
    func kept() throws {
        let r = try RandomSites.make(seed: 51, zonesApart: true)
        #expect(try Self.kept(r) == Self.measured(r))
        #expect(try Self.kept(r).count == RandomSites.zones.count)
        let (s1, o1) = try run("/usr/bin/ogrinfo", [r.path, "-q", "-sql", "UPDATE parcels SET zone = '新区' WHERE parcel_id = 'R-0005'"])
        #expect(s1 == 0, "\(o1)")
        // R-0019 lies in the easternmost band: moved onto it, R-0000's zone reaches across the grid.
        let (s2, o2) = try run("/usr/bin/ogrinfo", [r.path, "-q", "-sql",
            "UPDATE parcels SET geom = (SELECT geom FROM parcels WHERE parcel_id = 'R-0019') WHERE parcel_id = 'R-0000'"])
        #expect(s2 == 0, "\(o2)")
        let kept = try Self.kept(r), now = try Self.measured(r)
        #expect(kept["新区"] == now["新区"])
        let west = try #require(try r.parcel(id: "R-0000")?.0.zone)
        #expect(kept[west]!.maxX >= now[west]!.maxX && kept[west]!.maxX > RandomSites.origin.x + 3_000)
        for (zone, box) in now {
            let k = try #require(kept[zone])
            #expect(k.minX <= box.minX && k.minY <= box.minY && k.maxX >= box.maxX && k.maxY >= box.maxY, "\(zone)")
        }
        #expect(try r.verify().checks.first { $0.name == "zone extents" }?.ok == true)
    }

    @Test("zones apart: 300 random searches restricted to zones give what a full scan gives")
    func searchesEqualScans() throws {
        let r = try RandomSites.make(seed: 52, zonesApart: true)
        let search = try SiteSearch(r)
        let sites = try QueryTests.sites(of: r)
        var g = SplitMix64(seed: 9)
        var nonEmpty = 0
        for i in 0..<300 {
            var q = QueryTests.randomQuery(&g)
            if q.zone == nil && q.zones == nil {
                if i % 2 == 0 { q.zone = RandomSites.zones.randomElement(using: &g) } else { q.zones = RandomSites.zones.filter { _ in Bool.random(using: &g) } }
            }
            if q.near == nil, i % 3 != 0 {
                q.near = NearPoint(lon: Double.random(in: 114.915...114.97, using: &g), lat: Double.random(in: 27.78...27.82, using: &g),
                                   withinKm: Double.random(in: 0.2...4, using: &g))
                if i % 2 == 0 { q.limit = Int.random(in: 1...8, using: &g) }
            }
            let expected = try QueryTests.scan(q, search, sites: sites)
            let got = try search.parcels(q).hits
            let want = q.limit.map { Array(expected.prefix($0)) } ?? expected
            #expect(got.map(\.parcel.parcelID) == want.map(\.0), "\(q)")
            if !want.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 60)
    }

    @Test("a search reads through the zones' boxes as they are: one inside another is dropped, overlapping ones are kept apart (their union's box would read the land between them)")
    func clipsKeepOverlapsApart() throws {
        let r = try RandomSites.make(seed: 54, zonesApart: true)
        let z = RandomSites.zones
        let clips = try r.db.write { db in
            try db.execute(sql: "DELETE FROM landbank_zone_extents")
            for (zone, box) in [(z[0], (0.0, 0.0, 100.0, 100.0)), (z[1], (50.0, 50.0, 300.0, 120.0)), (z[2], (10.0, 10.0, 20.0, 20.0))] {
                try db.execute(sql: "INSERT INTO landbank_zone_extents (zone, min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?)",
                               arguments: [zone, box.0, box.1, box.2, box.3])
            }
            return try ZoneExtents.clips(db, zones: [z[2], z[0], z[1]])
        }
        #expect(clips.count == 2)
        #expect(clips.contains { $0.minX == 0 && $0.maxX == 100 } && clips.contains { $0.minX == 50 && $0.maxX == 300 })
        // The window's parts: one per box it meets, never the corner (100..300, 0..50) neither box holds.
        let parts = ZoneExtents.parts(of: BoundingBox(minX: -10, minY: -10, maxX: 400, maxY: 400), clips: clips)
        #expect(parts.count == 2 && !parts.contains { $0.contains(BoundingBox(minX: 150, minY: 10, maxX: 160, maxY: 20)) })
    }

    @Test("a search restricted to a zone reads inside the zone's box only: a box narrowed behind landbank's back hides parcels until verify names them and repair measures the boxes again")
    func narrowedBox() throws {
        let r = try RandomSites.make(seed: 53, zonesApart: true)
        let zone = RandomSites.zones[2]
        let q = ParcelQuery(zone: zone, near: NearPoint(lon: 114.95, lat: 27.80, withinKm: 20), limit: 5)
        let before = try r.findParcels(q).hits.map(\.parcel.parcelID)
        #expect(before.count == 5)
        try r.db.write { try $0.execute(sql: "UPDATE landbank_zone_extents SET max_x = min_x + 1 WHERE zone = ?", arguments: [zone]) }
        let narrowed = try r.findParcels(q).hits.map(\.parcel.parcelID)
        #expect(narrowed.count < 5)
        let check = try #require(try r.verify().checks.first { $0.name == "zone extents" })
        #expect(!check.ok && check.problems[0].contains("lies outside the extent kept for zone \(zone)"), "\(check.problems)")
        _ = try r.repair()
        #expect(try r.verify().ok)
        #expect(try r.findParcels(q).hits.map(\.parcel.parcelID) == before)
        try Self.expectMeasuredAgain(r)
    }

    @Test("a registry made before migration 15 gets its zones' boxes measured when opened")
    func upgrade() throws {
        let r = try RandomSites.make(seed: 54, zonesApart: true)
        try r.db.write { db in
            try db.execute(sql: "DROP TABLE landbank_zone_extents")
            for t in ["insert", "update"] { try db.execute(sql: "DROP TRIGGER landbank_zone_extents_\(t)") }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [ZoneExtents.name])
        }
        let upgraded = try Registry.open(at: r.path)
        try Self.expectMeasuredAgain(upgraded)
        #expect(try upgraded.verify().ok)
    }
}

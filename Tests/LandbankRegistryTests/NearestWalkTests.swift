import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// The R*Tree query callback behind nearest searches (`NearestWalk`) and the scale that turns its plane
/// distances into lower bounds on the ground.
@Suite("Nearest walk")
struct NearestWalkTests {
    @Test("the walk gives the site index's entries nearest box first, every one within the cut that meets a clip box and no other")
    func order() throws {
        let r = try RandomSites.make(seed: 61)
        var g = SplitMix64(seed: 5)
        var seen = 0
        for _ in 0..<40 {
            let p = Point(x: RandomSites.origin.x + Double.random(in: -500...4500, using: &g),
                          y: RandomSites.origin.y + Double.random(in: -500...3500, using: &g))
            let cut = Double.random(in: 100...3000, using: &g)
            let clips: [BoundingBox]? = Bool.random(using: &g)
                ? [BoundingBox(minX: p.x - 800, minY: p.y - 2000, maxX: p.x + 300, maxY: p.y + 2000),
                   BoundingBox(minX: p.x + 1000, minY: p.y - 200, maxX: p.x + 1500, maxY: p.y + 200)] : nil
            let walk = NearestWalk.arguments(point: p, cut: cut, clips: clips)
            let index = SiteIndex.parcels.name
            let (got, all) = try r.db.read { db in
                (try Row.fetchAll(db, sql: "SELECT id, minx, maxx, miny, maxy FROM \(index) r WHERE r.id MATCH \(walk.sql)",
                                  arguments: walk.values),
                 try Row.fetchAll(db, sql: "SELECT id, minx, maxx, miny, maxy FROM \(index)"))
            }
            func box(_ row: Row) -> BoundingBox { BoundingBox(minX: row[1], minY: row[3], maxX: row[2], maxY: row[4]) }
            let distances = got.map { NearestWalk.distance(from: p, to: box($0)) }
            #expect(distances == distances.sorted())
            let expected = all.filter { row in
                NearestWalk.distance(from: p, to: box(row)) <= cut && (clips?.contains { $0.intersects(box(row)) } ?? true)
            }
            #expect(Set(got.map { $0[0] as Int64 }) == Set(expected.map { $0[0] as Int64 }))
            #expect(got.count == Set(got.map { $0[0] as Int64 }).count)
            seen += got.count
        }
        #expect(seen > 500)
    }

    @Test("parcels holding the point are all at distance 0: the nearest k are the k first ids, whatever order the walk meets them in")
    func tiesSettledById() throws {
        let dir = try scratchDirectory()
        let (cx, cy) = (RandomSites.origin.x + 500, RandomSites.origin.y + 500)
        // Five parcels over the point (listed last id first), and others around it.
        var features = (1...5).reversed().map { k in
            RandomSites.feature("T-\(k)", RandomSites.square(cx + Double(k), cy - Double(k), 40 + Double(k)), ["status": "idle"])
        }
        for k in 0..<8 {
            features.append(RandomSites.feature("N-\(k)", RandomSites.square(cx + 150 * Double(k - 4), cy + 200, 30), ["status": "idle"]))
        }
        try RandomSites.collection(features).write(toFile: dir + "/p.geojson", atomically: true, encoding: .utf8)
        let r = try Registry.create(at: dir + "/r.gpkg", crs: "EPSG:4547")
        _ = try r.importFile(dir + "/p.geojson")
        let search = try SiteSearch(r)
        let centre = try search.toLonLat.transform(Point(x: cx, y: cy))
        for limit in 1...6 {
            let page = try search.parcels(ParcelQuery(near: NearPoint(lon: centre.x, lat: centre.y, withinKm: 3), limit: limit))
            let want = Array(["T-1", "T-2", "T-3", "T-4", "T-5"].prefix(limit))
            #expect(Array(page.hits.map(\.parcel.parcelID).prefix(min(limit, 5))) == want, "limit \(limit)")
            #expect(page.hits.prefix(min(limit, 5)).allSatisfy { $0.distanceKm == 0 })
        }
    }

    @Test("a plane distance over the scale never exceeds the geodesic distance within the radius (EPSG:4547 and a UTM zone)")
    func scaleIsALowerBound() throws {
        for crs in ["EPSG:4547", "EPSG:32650"] {
            let dir = try scratchDirectory()
            let r = try Registry.create(at: dir + "/r.gpkg", crs: crs)
            let search = try SiteSearch(r)
            var g = SplitMix64(seed: 11)
            for _ in 0..<200 {
                let point = Point(x: Double.random(in: 113.6...116.4, using: &g), y: Double.random(in: 24...32, using: &g))
                let km = Double.random(in: 0.2...60, using: &g)
                let plane = try search.toRegistry.transform(point)
                let scale = try search.planeScale(around: point, plane: plane, km: km)
                #expect(scale > 0.99 && scale < 1.05, "\(crs) \(point) \(km) km: \(scale)")
                for _ in 0..<8 {
                    let metres = Double.random(in: 0...(km * 1000), using: &g)
                    let there = search.geodesic.destination(from: point, azimuth: Double.random(in: 0..<360, using: &g), metres: metres)
                    let q = try search.toRegistry.transform(there)
                    let planeDistance = ((q.x - plane.x) * (q.x - plane.x) + (q.y - plane.y) * (q.y - plane.y)).squareRoot()
                    #expect(planeDistance / scale <= metres + 1e-6, "\(crs) \(point): \(planeDistance / scale) > \(metres)")
                }
            }
        }
    }
}

import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

@Suite("The packed R*Tree written by a bulk import")
struct SpatialIndexTests {
    /// rtreecheck() is SQLite's own structural check of an rtree table; then window queries through the index
    /// must find exactly what a scan of every parcel's envelope finds.
    func check(_ r: Registry) throws {
        let e = try r.extent()
        try r.db.read { db in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_parcels_geom')") == "ok")
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM parcels")!
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_parcels_geom") == n)
            // The site index: the same rows, each box holding the parcel's envelope and stored areas.
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('landbank_parcels_site')") == "ok")
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM parcels p JOIN landbank_parcels_site s ON s.id = p.fid
                WHERE s.minx <= ST_MinX(p.geom) AND s.maxx >= ST_MaxX(p.geom) AND s.miny <= ST_MinY(p.geom) AND s.maxy >= ST_MaxY(p.geom)
                  AND s.min_cadastral_mu <= coalesce(p.cadastral_area_mu, -3e38) AND s.max_cadastral_mu >= coalesce(p.cadastral_area_mu, -3e38)
                  AND s.min_ellipsoidal_mu <= p.ellipsoidal_area_mu AND s.max_ellipsoidal_mu >= p.ellipsoidal_area_mu
                """) == n)
            var rng = SplitMix64(seed: 20261123)
            for _ in 0..<25 {
                let w = (e.maxX - e.minX) * Double.random(in: 0.01...0.3, using: &rng)
                let h = (e.maxY - e.minY) * Double.random(in: 0.01...0.3, using: &rng)
                let x = Double.random(in: e.minX...(e.maxX - w), using: &rng)
                let y = Double.random(in: e.minY...(e.maxY - h), using: &rng)
                let viaIndex = try Set(Int64.fetchAll(db, sql: """
                    SELECT id FROM rtree_parcels_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?
                    """, arguments: [x, x + w, y, y + h]))
                let viaScan = try Set(Int64.fetchAll(db, sql: """
                    SELECT fid FROM parcels WHERE ST_MaxX(geom) >= ? AND ST_MinX(geom) <= ? AND ST_MaxY(geom) >= ? AND ST_MinY(geom) <= ?
                    """, arguments: [x, x + w, y, y + h]))
                // float32 boxes are rounded outward, so the index may add border cases but never miss one.
                #expect(viaScan.isSubset(of: viaIndex))
                #expect(viaIndex.count - viaScan.count <= 2)
            }
        }
    }

    @Test("a fresh bulk import, a large second import (rebuild) and a small one (inserts) keep the index exact")
    func bulkRebuildAppend() throws {
        let r = try newRegistry()
        let dir = try scratchDirectory()
        let big = dir + "/big.geojson"
        let (status, _) = try run("/usr/bin/env", ["python3", fixtures + "/../scripts/gen-synthetic.py", "6000", big])
        #expect(status == 0)
        _ = try r.importFile(big)
        try check(r)
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"))
        try check(r)
        _ = try r.importFile(fixture("lonlat-sample.geojson"))
        try check(r)
        #expect(try r.parcelCount == 6000 + 144 + 12)
    }

    @Test("a packed tree holds every cell once, fills every node at least a third, and finds what a scan finds",
          arguments: [0, 1, 50, 51, 52, 2601, 2602, 10_000])
    func packing(n: Int) throws {
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING rtree(id, minx, maxx, miny, maxy, min_a, max_a)")
            var rng = SplitMix64(seed: UInt64(n) + 7)
            // Ids with a gap, boxes on a jittered grid, an attribute dimension; given to the writer in Hilbert order.
            var cells: [(key: Int64, cell: TreeCell)] = []
            let key = HilbertKey(extent: BoundingBox(minX: 0, minY: 0, maxX: 100, maxY: 100))
            for i in 0..<n {
                let x = Double(i % 97) + Double.random(in: 0..<0.5, using: &rng), y = Double(i / 97)
                let a = Double.random(in: 0..<1000, using: &rng)
                let lo = SIMD8<Float>(Float(x), Float(y), Float(a), 0, 0, 0, 0, 0)
                let hi = SIMD8<Float>(Float(x + 1), Float(y + 1), Float(a), 0, 0, 0, 0, 0)
                // n = 2602: ids a million apart, too sparse for the writer's leaf array (its `_rowid` rows go in as
                // they come); otherwise a gap of 49 in the middle.
                let id = n == 2602 ? Int64(i) * 1_000_003 + 1 : Int64(i < n / 2 ? i + 1 : i + 50)
                cells.append((key.key(x: x + 0.5, y: y + 0.5), TreeCell(id: id, lo: lo, hi: hi)))
            }
            cells.sort { $0.key < $1.key }
            let ids = (cells.map(\.cell.id).min() ?? 1)...(cells.map(\.cell.id).max() ?? 1)
            var w = try PackedTreeWriter(db, rtree: "t", dimensions: 3, count: n, ids: ids)
            for c in cells { try w.add(c.cell) }
            try w.finish()

            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('t')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == n)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM t") == n)
            // Cell counts from the node blobs (bytes 2-3): every node but the root between a third full and full.
            // rtree.c's node size for 3 dimensions: 51 cells of 32 bytes (RTREE_MAXCELLS) on 4096-byte pages.
            let m = w.capacity
            #expect(m == 51)
            for row in try Row.fetchAll(db, sql: "SELECT nodeno, data FROM t_node") {
                let data: Data = row[1]
                let cellCount = Int(data[2]) << 8 | Int(data[3])
                #expect(cellCount <= m)
                if (row[0] as Int64) != 1 { #expect(cellCount >= m / 3) }
            }
            for _ in 0..<20 {
                let x = Double.random(in: 0..<90, using: &rng), y = Double.random(in: 0..<Double(n / 97 + 1), using: &rng)
                let a = Double.random(in: 0..<900, using: &rng)
                let viaIndex = try Set(Int64.fetchAll(db, sql: """
                    SELECT id FROM t WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? AND max_a >= ? AND min_a <= ?
                    """, arguments: [x, x + 10, y, y + 10, a, a + 100]))
                // As rtree.c compares: the stored float32 widened to double against the query's double.
                func overlaps(_ c: TreeCell, _ d: Int, _ from: Double, _ to: Double) -> Bool {
                    Double(c.hi[d]) >= from && Double(c.lo[d]) <= to
                }
                let viaScan = Set(cells.map(\.cell).filter { (c: TreeCell) -> Bool in
                    overlaps(c, 0, x, x + 10) && overlaps(c, 1, y, y + 10) && overlaps(c, 2, a, a + 100)
                }.map(\.id))
                #expect(viaIndex == viaScan)
            }
        }
    }

    @Test("the Hilbert key walks the grid one neighbouring cell at a time")
    func hilbert() {
        // The first 4^8 keys of the 2^16 curve cover the 256 x 256 cells at the origin, each once.
        var cellOf = [(UInt32, UInt32)?](repeating: nil, count: 1 << 16)
        for x in UInt32(0)..<256 {
            for y in UInt32(0)..<256 {
                let k = Int(HilbertKey.key(x, y))
                #expect(k < 1 << 16 && cellOf[k] == nil)
                if k < 1 << 16 { cellOf[k] = (x, y) }
            }
        }
        for k in 1..<(1 << 16) {
            guard let a = cellOf[k - 1], let b = cellOf[k] else { Issue.record("key \(k) unused"); return }
            #expect(abs(Int(a.0) - Int(b.0)) + abs(Int(a.1) - Int(b.1)) == 1)
        }
        let k = HilbertKey(extent: BoundingBox(minX: 10, minY: 10, maxX: 20, maxY: 20))
        #expect(k.key(x: 10, y: 10) == 0)
        #expect(k.key(x: -1e9, y: 5) == 0)
        #expect(k.key(x: 20, y: 10) == Int64((1 << 32) - 1))
    }

    @Test("envelopes are rounded outward to float32")
    func rounding() {
        for d in [588690.66387, 3076603.0697, -3.0e38, 0.1, 1e-40] {
            #expect(Double(Float32Bound.down(d)) <= d && Double(Float32Bound.up(d)) >= d)
            #expect(Float32Bound.up(d) == Float32Bound.down(d) || Float32Bound.up(d) == Float32Bound.down(d).nextUp)
        }
    }
}

/// A seeded generator (SplitMix64), so that random windows and registries are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

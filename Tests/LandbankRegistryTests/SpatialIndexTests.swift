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

    @Test("STR packing fills every node at least a third and at most full")
    func packing() {
        for n in [1, 50, 51, 52, 2601, 2602, 10_000] {
            var entries: [PackedRTree.Entry] = []
            for i in 0..<n {
                let x = Double(i % 97), y = Double(i / 97)
                entries.append(PackedRTree.Entry(id: Int64(i + 1), BoundingBox(minX: x, minY: y, maxX: x + 1, maxY: y + 1)))
            }
            let t = PackedRTree(entries: entries, nodeSize: 1228)
            #expect(t.levels[0].reduce(0) { $0 + $1.entries.count } == n)
            for level in t.levels.dropLast() {
                for node in level { #expect(node.entries.count >= 17 && node.entries.count <= 51) }
            }
            #expect(t.root.number == 1 && t.root.entries.count <= 51)
        }
    }

    @Test("envelopes are rounded outward to float32")
    func rounding() {
        let e = PackedRTree.Entry(id: 1, BoundingBox(minX: 588690.66387, minY: 3076603.0697, maxX: 588788.4008, maxY: 3076714.6162))
        #expect(Double(e.minX) <= 588690.66387 && Double(e.maxX) >= 588788.4008)
        #expect(Double(e.minY) <= 3076603.0697 && Double(e.maxY) >= 3076714.6162)
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

import Foundation
import GRDB
import LandbankGeometry

/// Fills the parcels' R*Tree in bulk during an import instead of through the per-row insert trigger.
///
/// Inside the import's transaction it drops the insert trigger and collects envelopes (24 bytes a feature,
/// as float32 boxes); at the end it writes a packed R-tree (`PackedRTree`) over the old and new entries
/// straight into the rtree's shadow tables, recreates the trigger and widens the layer extent in
/// `gpkg_contents`. A rollback restores the trigger and the old tree with everything else. A small append to
/// a large registry goes through ordinary rtree inserts instead of rebuilding the whole tree.
struct SpatialIndexLoader {
    let db: Database
    let table: String
    let column = "geom"
    var entries: [PackedRTree.Entry] = []
    var extent: BoundingBox?

    var rtree: String { "rtree_\(table)_\(column)" }

    init(_ db: Database, table: String) throws {
        self.db = db
        self.table = table
        try db.execute(sql: "DROP TRIGGER \(rtree)_insert")
    }

    mutating func add(id: Int64, envelope e: BoundingBox) {
        entries.append(PackedRTree.Entry(id: id, e))
        extent = extent.map { $0.union(e) } ?? e
    }

    func finish() throws {
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(rtree)_rowid") ?? 0
        if existing > 0 && entries.count < existing / 10 {
            let insert = try db.makeStatement(sql: "INSERT INTO \(rtree) VALUES (?, ?, ?, ?, ?)")
            for e in entries {
                try insert.execute(arguments: [e.id, Double(e.minX), Double(e.maxX), Double(e.minY), Double(e.maxY)])
            }
        } else {
            try rebuild(existing: existing)
        }
        try db.execute(sql: GeoPackageSchema.rtreeTriggers(table: table, column: column)[0])
        if let e = extent { try GeoPackageContents.widenExtent(of: table, by: e, in: db) }
    }

    /// Replaces the tree by a packed one over the existing and the new entries.
    private func rebuild(existing: Int) throws {
        var all = entries
        if existing > 0 {
            // Stored boxes are float32 already: reading them back as doubles and rounding outward is exact.
            let rows = try Row.fetchCursor(db, sql: "SELECT id, minx, maxx, miny, maxy FROM \(rtree)")
            while let r = try rows.next() {
                all.append(PackedRTree.Entry(id: r[0], BoundingBox(minX: r[1], minY: r[3], maxX: r[2], maxY: r[4])))
            }
        }
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \(rtree)_node WHERE nodeno = 1") ?? 1228
        let tree = PackedRTree(entries: all, nodeSize: nodeSize)
        try db.execute(sql: "DELETE FROM \(rtree)_node; DELETE FROM \(rtree)_rowid; DELETE FROM \(rtree)_parent")
        let node = try db.makeStatement(sql: "INSERT INTO \(rtree)_node (nodeno, data) VALUES (?, ?)")
        let rowid = try db.makeStatement(sql: "INSERT INTO \(rtree)_rowid (rowid, nodeno) VALUES (?, ?)")
        let parent = try db.makeStatement(sql: "INSERT INTO \(rtree)_parent (nodeno, parentnode) VALUES (?, ?)")
        for (level, nodes) in tree.levels.enumerated() {
            for n in nodes {
                try node.execute(arguments: [n.number, Data(tree.blob(n, isRoot: n.number == 1))])
                for e in n.entries {
                    if level == 0 {
                        try rowid.execute(arguments: [e.id, n.number])
                    } else {
                        try parent.execute(arguments: [e.id, n.number])
                    }
                }
            }
        }
    }
}

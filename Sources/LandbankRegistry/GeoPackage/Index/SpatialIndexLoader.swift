import Foundation
import GRDB
import LandbankGeometry

/// Fills a layer's GeoPackage R*Tree and its site index (`SiteIndex`) in bulk during an import instead of
/// through the per-row insert triggers, and widens the layer extent in `gpkg_contents`.
///
/// Inside the import's transaction it drops the insert triggers and only counts the rows added. At the end, a
/// small append to a large layer (under a tenth) goes into the trees by ordinary rtree inserts from the new
/// rows; anything else rebuilds both trees from one scan of the whole table sorted in Hilbert order (SQLite's
/// sorter spills to a temporary file, so memory does not grow with the layer), written as packed R-trees
/// (`PackedTreeWriter`). The triggers are created again; a rollback restores triggers and trees with
/// everything else.
struct SpatialIndexLoader {
    let db: Database
    let table: String
    private let site: SiteIndex?
    private(set) var added = 0
    private var firstID: Int64 = .max
    private(set) var extent: BoundingBox?
    /// Each zone's envelope of the rows added (parcels), for `ZoneExtents`.
    private var zones: [String: BoundingBox] = [:]
    private var keepsZones: Bool { table == "parcels" }

    var rtree: String { "rtree_\(table)_geom" }
    private var insertTrigger: (name: String, sql: String) {
        ("\(rtree)_insert", GeoPackageSchema.rtreeTriggers(table: table, column: "geom")[0])
    }

    /// Page cache while the scan sorts: SQLite's sorter keeps this much in memory before it spills.
    static let sortCacheKiB = 8192

    init(_ db: Database, table: String) throws {
        self.db = db
        self.table = table
        site = SiteIndex.all.first { $0.table == table }
        try db.execute(sql: "DROP TRIGGER \(insertTrigger.name)")
        if let site { try db.execute(sql: "DROP TRIGGER \(site.insertTrigger)") }
        if keepsZones { try db.execute(sql: "DROP TRIGGER \(ZoneExtents.insertTrigger)") }
    }

    /// A row added to the layer, with its envelope and (a parcel) its zone.
    mutating func add(id: Int64, envelope e: BoundingBox, zone: String?) {
        added += 1
        firstID = min(firstID, id)
        extent = extent.map { $0.union(e) } ?? e
        if let zone, keepsZones { zones[zone] = zones[zone].map { $0.union(e) } ?? e }
    }

    func finish() throws {
        if let e = extent { try GeoPackageContents.widenExtent(of: table, by: e, in: db) }
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(rtree)_rowid") ?? 0
        if added > 0 && existing > 0 && added < existing / 10 {
            try append()
        } else if added > 0 {
            try rebuild()
        }
        try db.execute(sql: insertTrigger.sql)
        if let site { try db.execute(sql: site.triggers[0]) }
        if keepsZones {
            try ZoneExtents.widen(db, by: zones)
            try db.execute(sql: ZoneExtents.triggers[0])
        }
    }

    /// The new rows into the trees as the triggers would have put them.
    private func append() throws {
        let new = "\(SiteIndex.indexable("t")) AND t.fid >= \(firstID)"
        try db.execute(sql: "INSERT INTO \(rtree) SELECT \(GeoPackageSchema.rtreeValues(row: "t")) FROM \(table) t WHERE \(new)")
        if let site { try db.execute(sql: "INSERT INTO \(site.name) SELECT \(site.values("t")) FROM \(table) t WHERE \(new)") }
    }

    /// Both trees again from the table, in one sorted scan.
    private func rebuild() throws {
        try Self.build(db, table: table, plane: rtree, site: site, extent: try Self.layerExtent(db, table: table) ?? extent)
    }

    /// A site index filled again from its layer's rows as an import fills it, a packed tree (a migration that
    /// changes the index's dimensions: far quicker than a million R*Tree insertions, and a better tree).
    static func refill(_ db: Database, site: SiteIndex) throws {
        try build(db, table: site.table, plane: nil, site: site, extent: try layerExtent(db, table: site.table))
    }

    /// The trees (the GeoPackage R*Tree `plane` and/or the site index) from the table, in one sorted scan. Rows
    /// the trees do not hold (no geometry, an empty one, a blob another program wrote that is not a GeoPackage
    /// geometry) have a NULL cell and sort first, so the number of cells is known when the first one comes,
    /// before any node is written.
    private static func build(_ db: Database, table: String, plane: String?, site: SiteIndex?, extent: BoundingBox?) throws {
        let stats = try Row.fetchOne(db, sql: "SELECT count(*), min(fid), max(fid) FROM \(table)")
        let rows: Int = stats?[0] ?? 0
        let ids = (stats?[1] as Int64? ?? 1)...(stats?[2] as Int64? ?? 1)
        let dimensions = 2 + (site?.attributes.count ?? 0)
        let cell = HilbertKey(extent: extent ?? BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)).cellFunction
        db.add(function: cell)
        defer { db.remove(function: cell) }
        var trees: (plane: PackedTreeWriter?, sites: PackedTreeWriter?)?
        func start(count: Int) throws -> (PackedTreeWriter?, PackedTreeWriter?) {
            (try plane.map { try PackedTreeWriter(db, rtree: $0, dimensions: 2, count: count, ids: ids) },
             try site.map { try PackedTreeWriter(db, rtree: $0.name, dimensions: dimensions, count: count, ids: ids) })
        }
        var skipped = 0
        try PageCache.with(kiB: Self.sortCacheKiB, db) {
            let attributes = (site?.attributeValues("t") ?? []).map { ", " + $0 }.joined()
            let scan = try Row.fetchCursor(db, sql: """
                SELECT landbank_tree_cell(t.geom), t.fid\(attributes) FROM \(table) t ORDER BY 1
                """)
            while let row = try scan.next() {
                if row.hasNull(atIndex: 0) { skipped += 1; continue }
                if trees == nil { trees = try start(count: rows - skipped) }
                // One cell for both trees: each writer stores only its own dimensions (the R*Tree x and y).
                let cell = TreeCell(scanned: row, dimensions: dimensions)
                try trees?.plane?.add(cell)
                try trees?.sites?.add(cell)
            }
        }
        if trees == nil { trees = try start(count: 0) }
        try trees?.plane?.finish()
        try trees?.sites?.finish()
    }

    /// The layer's extent in `gpkg_contents` (widened by an import), which the Hilbert curve is laid on.
    private static func layerExtent(_ db: Database, table: String) throws -> BoundingBox? {
        let row = try Row.fetchOne(db, sql: "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                                   arguments: [table])
        guard let row, let minX = row[0] as Double?, let minY = row[1] as Double?,
              let maxX = row[2] as Double?, let maxY = row[3] as Double? else { return nil }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}

import Foundation
import GRDB
import LandbankGeometry

/// How a site search reads one feature layer: its R*Tree, its table under an alias (with any join its filters
/// need), the columns a record decodes from. The SQL of every search path is built here and nowhere else.
struct SpatialLayer {
    /// The layer's site index (`SiteIndex`): envelopes and the filtered attributes in one R*Tree.
    let rtree: String
    /// The feature table's integer key, e.g. `p.fid`.
    let fid: String
    /// The record's columns under their own names.
    let columns: String
    /// The geometry column, e.g. `p.geom`.
    let geom: String
    let table: String
    /// Joins after the table (buildings join their parcel for the parcel's zone and status).
    let joins: String

    /// The record's columns, then the geometry as `geom`.
    var select: String { columns + ", \(geom) AS geom" }

    static let parcels = SpatialLayer(
        rtree: SiteIndex.parcels.name, fid: "p.fid", columns: aliased(Parcel.Columns.all, "p"), geom: "p.geom",
        table: "parcels p", joins: "")

    /// Buildings, joined to their parcel only when a filter asks about the parcel (a building always stands on
    /// one: the foreign key), which spares two B-tree searches a row.
    static func buildings(joiningParcels: Bool) -> SpatialLayer {
        SpatialLayer(rtree: SiteIndex.buildings.name, fid: "b.fid", columns: aliased(Building.columns, "b"), geom: "b.geom",
                     table: "buildings b", joins: joiningParcels ? "JOIN parcels p ON p.parcel_id = b.parcel_id" : "")
    }

    static func aliased(_ columns: String, _ alias: String) -> String {
        columns.split(separator: ",").map { c in
            let name = c.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(alias).\(name) AS \(name)"
        }.joined(separator: ", ")
    }

    /// Up to `cap + 1` matches of the attribute conditions, counted through their B-tree indexes: few matches
    /// mean the search should start from the attributes rather than from space.
    func attributeCount(_ db: Database, _ conditions: String, _ args: StatementArguments, cap: Int) throws -> Int {
        let sql = "SELECT count(*) FROM (SELECT 1 FROM \(table) \(joins) WHERE \(conditions) LIMIT \(cap + 1))"
        return try Int.fetchOne(try db.cachedStatement(sql: sql), arguments: args) ?? 0
    }

    /// Whether any entry of the site index meets the attribute bounds, wherever it lies.
    func siteHasAny(_ db: Database, _ site: SiteConditions) throws -> Bool {
        let sql = "SELECT EXISTS (SELECT 1 FROM \(rtree) r WHERE " + site.conditions.map { $0.0 }.joined(separator: " AND ") + ")"
        // Closures, not key paths: a key path is instantiated at run time on every call, a cost a search that
        // finds nothing notices.
        return try Bool.fetchOne(try db.cachedStatement(sql: sql), arguments: StatementArguments(site.conditions.map { $0.1 })) ?? false
    }

    /// Rows whose envelope meets `window` (and does not meet `seen`, a window already read) and that match the
    /// conditions. `site` are the conditions on the site index `r` that the attribute filters imply: the R*Tree
    /// applies them to its boxes, so only the entries that may match reach the table, where `conditions` decide.
    /// `fromAttributes` walks the attribute indexes and probes the R*Tree by id; otherwise the R*Tree window
    /// drives and each hit's row is checked. `CROSS JOIN` fixes that order for SQLite's planner. Statements are
    /// cached per connection: a search prepares nothing after its first run.
    func rows(_ db: Database, window: BoundingBox, seen: BoundingBox?, site: SiteConditions, conditions: String,
              _ args: StatementArguments, fromAttributes: Bool) throws -> RowCursor {
        var sql = "SELECT \(select) FROM "
        sql += fromAttributes
            ? "\(table) \(joins) CROSS JOIN \(rtree) r ON r.id = \(fid)"
            : "\(rtree) r CROSS JOIN \(table) ON \(fid) = r.id \(joins)"
        sql += " WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?"
        var all: StatementArguments = [window.maxX, window.minX, window.maxY, window.minY]
        if let seen {
            sql += " AND NOT (r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?)"
            all += [seen.maxX, seen.minX, seen.maxY, seen.minY]
        }
        return try Self.matching(db, sql, all, site: site, conditions: conditions, args)
    }

    /// Rows in the order of their boxes' plane distance from `point` (`NearestWalk`), none farther than `cut`
    /// nor outside every clip box, that match the conditions: the record's columns, the entry's box (min x,
    /// max x, min y, max y), then the geometry.
    func nearestRows(_ db: Database, point: Point, cut: Double, clips: [BoundingBox]?, site: SiteConditions, conditions: String,
                     _ args: StatementArguments) throws -> RowCursor {
        let walk = NearestWalk.arguments(point: point, cut: cut, clips: clips)
        let sql = "SELECT \(columns), r.minx, r.maxx, r.miny, r.maxy, \(geom) AS geom FROM \(rtree) r CROSS JOIN \(table) ON \(fid) = r.id \(joins)"
            + " WHERE r.id MATCH \(walk.sql)"
        return try Self.matching(db, sql, walk.values, site: site, conditions: conditions, args)
    }

    /// `sql` (a statement up to its first WHERE conditions) with the site index's and the table's conditions
    /// added, run through the connection's statement cache.
    private static func matching(_ db: Database, _ sql: String, _ arguments: StatementArguments, site: SiteConditions,
                                 conditions: String, _ args: StatementArguments) throws -> RowCursor {
        var sql = sql, all = arguments
        for (condition, value) in site.conditions {
            sql += " AND \(condition)"
            all += [value]
        }
        sql += " AND \(conditions)"
        all += args
        return try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: all)
    }

    /// The box columns `nearestRows` puts before the geometry.
    static func walkBox(_ row: Row) -> BoundingBox {
        let n = row.count
        return BoundingBox(minX: row[n - 5], minY: row[n - 3], maxX: row[n - 4], maxY: row[n - 2])
    }

    /// The site index's entries (id, minx, maxx, miny, maxy) meeting `window` and the attribute bounds.
    func boxes(_ db: Database, window: BoundingBox, site: SiteConditions) throws -> RowCursor {
        var sql = "SELECT r.id, r.minx, r.maxx, r.miny, r.maxy FROM \(rtree) r WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?"
        var all: StatementArguments = [window.maxX, window.minX, window.maxY, window.minY]
        for (condition, value) in site.conditions {
            sql += " AND \(condition)"
            all += [value]
        }
        return try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: all)
    }

    /// The geometry of a row whose last column is `geom`, decoded in place (the blob is not copied).
    static func geometry(_ row: Row, id: String, path: String) throws -> MultiPolygon {
        assert(row.columnNames.last == "geom", "the geometry is the row's last column")
        let decoded = try row.withUnsafeData(atIndex: row.count - 1) { blob in
            try (blob ?? Data()).withUnsafeBytes { try GeoPackageBinary.decode($0) }
        }
        guard let g = decoded.geometry else {
            throw RegistryError(path: path, kind: .damaged, "\(id) has an empty geometry")
        }
        return g.asMultiPolygon
    }
}

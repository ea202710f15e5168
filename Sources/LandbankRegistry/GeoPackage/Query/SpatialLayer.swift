import Foundation
import GRDB
import LandbankGeometry

/// How a site search reads one feature layer: its R*Tree, its table under an alias (with any join its filters
/// need), the columns a record decodes from. The SQL of every search path is built here and nowhere else.
struct SpatialLayer {
    let rtree: String
    /// The feature table's integer key, e.g. `p.fid`.
    let fid: String
    /// The record's columns under their own names, then the geometry as `geom`.
    let select: String
    let table: String
    /// Joins after the table (buildings join their parcel for the parcel's zone and status).
    let joins: String

    static let parcels = SpatialLayer(
        rtree: "rtree_parcels_geom", fid: "p.fid",
        select: aliased(Parcel.Columns.all, "p") + ", p.geom AS geom", table: "parcels p", joins: "")
    static let buildings = SpatialLayer(
        rtree: "rtree_buildings_geom", fid: "b.fid",
        select: aliased(Building.columns, "b") + ", b.geom AS geom", table: "buildings b",
        joins: "JOIN parcels p ON p.parcel_id = b.parcel_id")

    static func aliased(_ columns: String, _ alias: String) -> String {
        columns.split(separator: ",").map { c in
            let name = c.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(alias).\(name) AS \(name)"
        }.joined(separator: ", ")
    }

    /// Up to `cap + 1` matches of the attribute conditions, counted through their B-tree indexes: few matches
    /// mean the search should start from the attributes rather than from space.
    func attributeCount(_ db: Database, _ conditions: String, _ args: StatementArguments, cap: Int) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table) \(joins) WHERE \(conditions) LIMIT \(cap + 1))",
                         arguments: args) ?? 0
    }

    /// Rows whose envelope meets `window` (and does not meet `seen`, a window already read) and that match the
    /// conditions. `fromAttributes` walks the attribute indexes and probes the R*Tree by id; otherwise the
    /// R*Tree window drives and each hit's row is checked. `CROSS JOIN` fixes that order for SQLite's planner.
    func rows(_ db: Database, window: BoundingBox, seen: BoundingBox?, conditions: String, _ args: StatementArguments,
              fromAttributes: Bool) throws -> RowCursor {
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
        sql += " AND \(conditions)"
        all += args
        return try Row.fetchCursor(db, sql: sql, arguments: all)
    }

    static func geometry(_ row: Row, id: String, path: String) throws -> MultiPolygon {
        let blob: Data = row["geom"]
        guard let g = try blob.withUnsafeBytes({ try GeoPackageBinary.decode($0) }).geometry else {
            throw RegistryError(path: path, kind: .damaged, "\(id) has an empty geometry")
        }
        return g.asMultiPolygon
    }
}

import GRDB
import LandbankGeometry

/// Migration 15: each zone's extent (`landbank_zone_extents`), a box holding every parcel of the zone, in the
/// registry's CRS. A search restricted to some zones reads only the parts of its window that lie in their
/// extents: a point deep in a zone a demand may not use no longer reads that zone's parcels of the whole radius
/// one by one to refuse them (zones are places: a development zone's 片区 lie apart).
///
/// A superset is all a search needs, so the boxes only grow: triggers widen them when a parcel is added, moved
/// or given another zone (GDAL and QGIS edits included: they register the ST_ functions the GeoPackage R*Tree
/// triggers use too), nothing narrows them when a parcel leaves; an import widens them once from the envelopes
/// it wrote (`SpatialIndexLoader`). `verify` checks that every parcel lies in its zone's box; `repair` measures
/// them again. Not a GeoPackage extension: other programs see an extra table and ignore it.
enum ZoneExtents {
    static let name = "v15-zone-extents"
    static let table = "landbank_zone_extents"
    static let insertTrigger = "\(table)_insert"

    static func run(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE \(table) (
              zone TEXT PRIMARY KEY NOT NULL,
              min_x REAL NOT NULL, max_x REAL NOT NULL, min_y REAL NOT NULL, max_y REAL NOT NULL)
            """)
        for t in triggers { try db.execute(sql: t) }
        try fill(db)
    }

    /// The upsert widening `zone`'s box by one envelope (SQL expressions).
    private static func widen(_ zone: String, _ minX: String, _ maxX: String, _ minY: String, _ maxY: String) -> String {
        """
        INSERT INTO \(table) (zone, min_x, max_x, min_y, max_y) VALUES (\(zone), \(minX), \(maxX), \(minY), \(maxY))
        ON CONFLICT (zone) DO UPDATE SET min_x = min(min_x, excluded.min_x), max_x = max(max_x, excluded.max_x),
          min_y = min(min_y, excluded.min_y), max_y = max(max_y, excluded.max_y)
        """
    }

    /// Insert and update (of the geometry or the zone) triggers on `parcels`. Only rows the spatial indexes hold
    /// count (a GeoPackage geometry, not empty): a search never finds the others.
    static var triggers: [String] {
        let row = "NEW.zone NOT NULL AND \(SiteIndex.indexable("NEW"))"
        let values = widen("NEW.zone", "ST_MinX(NEW.geom)", "ST_MaxX(NEW.geom)", "ST_MinY(NEW.geom)", "ST_MaxY(NEW.geom)")
        return [
            "CREATE TRIGGER \(insertTrigger) AFTER INSERT ON parcels WHEN \(row) BEGIN \(values); END",
            "CREATE TRIGGER \(table)_update AFTER UPDATE OF geom, zone ON parcels WHEN \(row) BEGIN \(values); END",
        ]
    }

    /// Every zone's box measured again from the parcels' GeoPackage R*Tree (whose float32 boxes, rounded
    /// outward, hold the envelopes, whichever program wrote the geometry).
    static func fill(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(table)")
        try db.execute(sql: """
            INSERT INTO \(table) (zone, min_x, max_x, min_y, max_y)
            SELECT p.zone, min(r.minx), max(r.maxx), min(r.miny), max(r.maxy)
            FROM parcels p JOIN rtree_parcels_geom r ON r.id = p.fid WHERE p.zone NOT NULL GROUP BY p.zone
            """)
    }

    /// Widens the boxes by what an import wrote without the insert trigger (`SpatialIndexLoader`).
    static func widen(_ db: Database, by boxes: [String: BoundingBox]) throws {
        let sql = widen("?", "?", "?", "?", "?")
        for (zone, b) in boxes {
            try db.execute(sql: sql, arguments: [zone, b.minX, b.maxX, b.minY, b.maxY])
        }
    }

    /// The boxes of these zones, for a search to read its window inside: a zone without a parcel in the
    /// indexes has none. Each is widened to the float32 values the R*Tree rounds its boxes out to, so that it
    /// holds the tree's box of every parcel of the zone too. A box inside another is dropped; boxes that only
    /// overlap are kept apart (their union's box would read the land between them, perhaps a zone the search
    /// leaves out, as a regression of the gated demand showed), and a reader keeps a row met twice once.
    static func clips(_ db: Database, zones: [String]) throws -> [BoundingBox] {
        let statement = try db.cachedStatement(sql: "SELECT min_x, min_y, max_x, max_y FROM \(table) WHERE zone = ?")
        func down(_ v: Double) -> Double { let f = Float(v); return Double(f) > v ? Double(f.nextDown) : Double(f) }
        func up(_ v: Double) -> Double { let f = Float(v); return Double(f) < v ? Double(f.nextUp) : Double(f) }
        var merged: [BoundingBox] = []
        for zone in Set(zones) {
            guard let row = try Row.fetchOne(statement, arguments: [zone]) else { continue }
            let box = BoundingBox(minX: down(row[0]), minY: down(row[1]), maxX: up(row[2]), maxY: up(row[3]))
            if merged.contains(where: { $0.contains(box) }) { continue }
            merged.removeAll { box.contains($0) }
            merged.append(box)
        }
        return merged
    }

    /// The parts of `window` a search restricted to zones reads: where it meets the zones' `clips` (all of it
    /// without them).
    static func parts(of window: BoundingBox, clips: [BoundingBox]?) -> [BoundingBox] {
        guard let clips else { return [window] }
        return clips.compactMap { window.clipped(to: $0) }
    }

    /// Parcels lying outside their zone's box (at most 1,000), for `verify`. Read from the R*Tree, whose boxes
    /// are the envelopes rounded out to float32: a box past the zone's by less than a float32 step of the
    /// coordinate (2⁻²² of it, 0.7 m at 3,000 km) is the rounding, not a parcel outside (the searches widen the
    /// zones' boxes by that rounding too, `boxes`).
    static func problems(_ db: Database) throws -> [String] {
        let step = "* 2.384185791015625e-7"
        return try Row.fetchAll(db, sql: """
            SELECT p.parcel_id, p.zone FROM parcels p JOIN rtree_parcels_geom r ON r.id = p.fid
            LEFT JOIN \(table) e ON e.zone = p.zone
            WHERE p.zone NOT NULL AND (e.zone IS NULL OR r.minx < e.min_x - abs(e.min_x) \(step) OR r.maxx > e.max_x + abs(e.max_x) \(step)
              OR r.miny < e.min_y - abs(e.min_y) \(step) OR r.maxy > e.max_y + abs(e.max_y) \(step))
            LIMIT 1000
            """).map { "\($0[0] as String) lies outside the extent kept for zone \($0[1] as String)" }
    }
}

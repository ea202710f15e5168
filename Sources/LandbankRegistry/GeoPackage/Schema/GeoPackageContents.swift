import GRDB
import LandbankGeometry

/// Upkeep of `gpkg_contents` rows as features change.
enum GeoPackageContents {
    /// Widens the layer's recorded extent to include `e` and stamps `last_change`.
    static func widenExtent(of table: String, by e: BoundingBox, in db: Database) throws {
        try db.execute(sql: """
            UPDATE gpkg_contents SET
              min_x = min(coalesce(min_x, ?1), ?1), max_x = max(coalesce(max_x, ?2), ?2),
              min_y = min(coalesce(min_y, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4),
              last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')
            WHERE table_name = ?5
            """, arguments: [e.minX, e.maxX, e.minY, e.maxY, table])
    }
}

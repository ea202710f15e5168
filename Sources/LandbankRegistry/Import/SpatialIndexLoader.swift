import GRDB
import LandbankGeometry

/// Fills the parcels' R*Tree in bulk during an import instead of through the per-row insert trigger.
///
/// Inside the import's transaction it drops the insert trigger, collects envelopes in a temporary table,
/// then loads them into the R*Tree in one statement, recreates the trigger and widens the layer extent in
/// `gpkg_contents`. A rollback restores the trigger with everything else.
struct SpatialIndexLoader {
    let db: Database
    let add: Statement
    var extent: BoundingBox?

    static let table = "parcels"
    static let column = "geom"
    static var rtree: String { "rtree_\(table)_\(column)" }

    init(_ db: Database) throws {
        self.db = db
        try db.execute(sql: """
            DROP TRIGGER \(Self.rtree)_insert;
            CREATE TEMP TABLE landbank_import_envelopes (id INTEGER PRIMARY KEY, minx REAL, maxx REAL, miny REAL, maxy REAL);
            """)
        add = try db.makeStatement(sql: "INSERT INTO temp.landbank_import_envelopes VALUES (?, ?, ?, ?, ?)")
    }

    mutating func add(id: Int64, envelope e: BoundingBox) throws {
        try add.execute(arguments: [id, e.minX, e.maxX, e.minY, e.maxY])
        extent = extent.map { $0.union(e) } ?? e
    }

    func finish() throws {
        try db.execute(sql: "INSERT INTO \(Self.rtree) SELECT id, minx, maxx, miny, maxy FROM temp.landbank_import_envelopes")
        try db.execute(sql: "DROP TABLE temp.landbank_import_envelopes")
        try db.execute(sql: GeoPackageSchema.rtreeTriggers(table: Self.table, column: Self.column)[0])
        if let e = extent {
            try db.execute(sql: """
                UPDATE gpkg_contents SET
                  min_x = min(coalesce(min_x, ?1), ?1), max_x = max(coalesce(max_x, ?2), ?2),
                  min_y = min(coalesce(min_y, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4),
                  last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')
                WHERE table_name = ?5
                """, arguments: [e.minX, e.maxX, e.minY, e.maxY, Self.table])
        }
    }
}

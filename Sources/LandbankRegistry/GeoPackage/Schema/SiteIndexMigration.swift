import GRDB

/// Migration 9: the site indexes (`SiteIndex`), created with their triggers and filled from the rows already
/// there (through the R*Tree's own insertion, ~13 µs a row: about 15 s for a million parcels, once).
enum SiteIndexMigration {
    static let name = "v9-site-indexes"

    static func run(_ db: Database) throws {
        for index in SiteIndex.all {
            try db.execute(sql: index.create)
            for t in index.triggers { try db.execute(sql: t) }
            try db.execute(sql: index.fill)
        }
    }
}

/// Migration 16: buildings' unknown values stored above every value instead of below (`SiteIndex.missing`):
/// the tree made again, and its triggers (they hold the value).
enum UnknownsAboveMigration {
    static let name = "v16-building-unknowns-above"

    static func run(_ db: Database) throws { try SiteIndex.buildings.rebuild(db) }
}

/// Migration 17: parcels' status as a fifth dimension of their site index (`SiteIndex.statusCodes`), so that a
/// search for the statuses a zone offers skips the others in the tree instead of reading each parcel's row:
/// the tree made again with it, and its triggers (a status change now moves the parcel's entry).
enum StatusDimensionMigration {
    static let name = "v17-parcel-status-dimension"

    static func run(_ db: Database) throws { try SiteIndex.parcels.rebuild(db) }
}

extension SiteIndex {
    /// The tree and its triggers dropped and made again as this definition has them, filled from the rows as
    /// an import fills it (`SpatialIndexLoader.refill`).
    func rebuild(_ db: Database) throws {
        for t in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)_\(t)") }
        try db.execute(sql: "DROP TABLE IF EXISTS \(name)")
        try db.execute(sql: create)
        for t in triggers { try db.execute(sql: t) }
        try SpatialIndexLoader.refill(db, site: self)
    }
}

import GRDB

/// Migration 7: the site indexes (`SiteIndex`), created with their triggers and filled from the rows already
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
/// the tree refilled, its triggers made again (they hold the value).
enum UnknownsAboveMigration {
    static let name = "v16-building-unknowns-above"

    static func run(_ db: Database) throws {
        let index = SiteIndex.buildings
        for t in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER IF EXISTS \(index.name)_\(t)") }
        for t in index.triggers { try db.execute(sql: t) }
        try db.execute(sql: "DELETE FROM \(index.name)")
        try db.execute(sql: index.fill)
    }
}

/// Migration 17: parcels' status as a fifth dimension of their site index (`SiteIndex.statusCodes`), so that a
/// search for the statuses a zone offers skips the others in the tree instead of reading each parcel's row:
/// the tree made again with it, and its triggers (a status change now moves the parcel's entry).
enum StatusDimensionMigration {
    static let name = "v17-parcel-status-dimension"

    static func run(_ db: Database) throws {
        let index = SiteIndex.parcels
        for t in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER IF EXISTS \(index.name)_\(t)") }
        try db.execute(sql: "DROP TABLE IF EXISTS \(index.name)")
        try db.execute(sql: index.create)
        for t in index.triggers { try db.execute(sql: t) }
        try db.execute(sql: index.fill)
    }
}

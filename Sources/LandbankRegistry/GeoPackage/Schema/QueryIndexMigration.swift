import GRDB

/// Migration 5: B-tree indexes on the columns that site queries filter on, so that a selective attribute
/// filter (a range of mu, a minimum power) is answered from an index instead of a scan, and the query can
/// choose to start from the attribute index or from the R*Tree (see `ParcelSearch`). Space is covered by
/// the GeoPackage R*Trees already; `parcels(zone, status)` and `buildings(parcel_id)` exist since 2 and 3.
enum QueryIndexMigration {
    static let name = "v5-query-indexes"

    static let sql = """
        CREATE INDEX parcels_status ON parcels(status);
        CREATE INDEX parcels_land_use ON parcels(land_use);
        CREATE INDEX parcels_cadastral_mu ON parcels(cadastral_area_mu);
        CREATE INDEX buildings_vacant ON buildings(vacant_floor_area_m2);
        CREATE INDEX buildings_clear_height ON buildings(clear_height_m);
        CREATE INDEX buildings_floor_load ON buildings(floor_load_kn_m2);
        CREATE INDEX buildings_power ON buildings(power_kva);
        CREATE INDEX buildings_crane ON buildings(crane_t);
        CREATE INDEX buildings_available ON buildings(available_from);
        CREATE INDEX buildings_status ON buildings(status);
        """

    /// The migration's indexes on `table`, by name, with the statement that creates each.
    static func indexes(on table: String) -> [(name: String, sql: String)] {
        sql.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count >= 5, words[0] == "CREATE", words[1] == "INDEX", words[4].hasPrefix(table + "(") else { return nil }
            return (String(words[2]), String(line.trimmingCharacters(in: .whitespaces).dropLast(line.hasSuffix(";") ? 1 : 0)))
        }
    }

    static func run(_ db: Database) throws {
        try db.execute(sql: sql)
    }
}

import GRDB

/// The import log and a re-delivered ledger's reads and writes (see `StoreReader`, `StoreWriter`).
extension GeoPackageAccess {
    func importRecords(id: Int64?) throws -> [ImportRecord] {
        try ImportLogStore.records(id: id, in: db)
    }

    func forEachImportIssue(importID: Int64?, _ body: (Int64, ImportIssue) throws -> Void) throws {
        try ImportLogStore.forEachIssue(importID: importID, in: db, body)
    }

    func parcelRecord(id: String) throws -> (parcel: Parcel, geometryDigest: String?)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Parcel.Columns.all) FROM parcels WHERE parcel_id = ?",
                                         arguments: [id]) else { return nil }
        return (Parcel(row: row), row["geom_sha256"])
    }

    func setParcelAttributes(id: String, name: String?, zone: String?, landUse: String?, properties: String) throws {
        try db.execute(sql: "UPDATE parcels SET name = ?, zone = ?, land_use = ?, properties = ? WHERE parcel_id = ?",
                       arguments: [name, zone, landUse, properties, id])
    }
}

import Foundation
import GRDB

/// `LedgerMatch` for the GeoPackage, on the SQLite thread inside the import's transaction. The ids seen are kept
/// in a temporary table, which finds an id given twice and, at the end, the records the file no longer holds —
/// without holding the file's ids in memory.
final class GeoPackageLedgerMatch: LedgerMatch {
    static let seen = "temp.landbank_import_seen"

    let db: Database
    let layer: Layer
    let file: String
    private let insertSeen: Statement
    private let firstSeen: Statement
    private var footprint: FootprintCheck

    init(db: Database, layer: Layer, file: String) throws {
        self.db = db
        self.layer = layer
        self.file = file
        try db.execute(sql: """
            DROP TABLE IF EXISTS \(Self.seen);
            CREATE TABLE \(Self.seen) (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
            """)
        insertSeen = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(Self.seen) (id, position) VALUES (?, ?)")
        firstSeen = try db.makeStatement(sql: "SELECT position FROM \(Self.seen) WHERE id = ?")
        footprint = try FootprintCheck(db: db)
    }

    private var idColumn: String { layer == .parcels ? "parcel_id" : "building_id" }

    func see(_ id: String, position: Int) throws -> Int? {
        try insertSeen.execute(arguments: [id, position])
        if db.changesCount > 0 { return nil }
        return try Int.fetchOne(firstSeen, arguments: [id])
    }

    func buildingRecord(id: String) throws -> (building: Building, geometryDigest: String?)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Building.columns), geom_sha256 FROM buildings WHERE building_id = ?",
                                         arguments: [id]) else { return nil }
        return (Building(row: row), row["geom_sha256"])
    }

    func forEachUnseen(_ body: (String) throws -> Void) throws {
        let cursor = try String.fetchCursor(db, sql: """
            SELECT \(idColumn) FROM \(layer.rawValue) WHERE \(idColumn) NOT IN (SELECT id FROM \(Self.seen)) ORDER BY \(idColumn)
            """)
        while let id = try cursor.next() { try body(id) }
    }

    func setBuildingAttributes(_ b: BuildingAttributes) throws {
        try db.execute(sql: """
            UPDATE buildings SET parcel_id = ?, name = ?, floor_area_m2 = ?, storeys = ?, clear_height_m = ?, floor_load_kn_m2 = ?,
              power_kva = ?, crane_t = ?, structure = ?, year_built = ?, standard_factory = ?, vacant_floor_area_m2 = ?,
              rent_yuan_m2_month = ?, available_from = ?, properties = ?
            WHERE building_id = ?
            """, arguments: [b.parcelID, b.name, b.floorArea, b.storeys, b.clearHeight, b.floorLoad, b.powerKVA, b.craneTonnes,
                             b.structure?.rawValue, b.yearBuilt, b.standardFactory, b.vacantFloorArea, b.rent,
                             b.availableFrom?.description, b.otherProperties, b.buildingID])
    }

    func checkStandsOnParcel(_ row: ImportPipeline.Row) throws {
        guard case .building(let b) = row.attributes else { return }
        try footprint.check(b, row, file: file)
    }

    func finish() throws {
        try db.execute(sql: "DROP TABLE IF EXISTS \(Self.seen)")
    }
}

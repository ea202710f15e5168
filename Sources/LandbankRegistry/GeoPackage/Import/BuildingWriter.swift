import Foundation
import GRDB
import LandbankGeometry
import LandbankLifecycle

/// Inserts buildings after checking that each stands on its parcel (`FootprintCheck`). Also writes the
/// `registered` event of a building with a status.
struct BuildingWriter: FeatureWriter {
    static let tolerance = FootprintCheck.tolerance

    let db: Database
    let file: String
    let importedAt: String
    let options: ImportOptions
    /// Made again after a refused row: SQLite keeps a failed statement's error until it is reset, and GRDB
    /// would report it again on the next row.
    var insert: Statement
    let chain: HistoryChain
    var footprint: FootprintCheck

    init(db: Database, file: String, importedAt: String, options: ImportOptions, chain: HistoryChain) throws {
        self.db = db
        self.file = file
        self.importedAt = importedAt
        self.options = options
        insert = try db.makeStatement(sql: """
            INSERT INTO buildings (geom, geom_sha256, building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m,
              floor_load_kn_m2, power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2,
              rent_yuan_m2_month, available_from, status, disposal_method, footprint_area_m2,
              footprint_ellipsoidal_area_m2, properties, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        self.chain = chain
        footprint = try FootprintCheck(db: db)
    }

    mutating func write(_ row: ImportPipeline.Row) throws -> Int64 {
        guard case .building(let b) = row.attributes else { preconditionFailure("building writer given a parcel") }
        try footprint.check(b, row, file: file)
        let out = row.output
        do {
            try insert.execute(arguments: [
                Data(out.blob), out.digest, b.buildingID, b.parcelID, b.name, b.floorArea, b.storeys, b.clearHeight, b.floorLoad,
                b.powerKVA, b.craneTonnes, b.structure?.rawValue, b.yearBuilt, b.standardFactory, b.vacantFloorArea,
                b.rent, b.availableFrom?.description, b.status?.rawValue, b.disposalMethod?.rawValue,
                out.cadastralAreaM2, out.ellipsoidalAreaM2, b.otherProperties, importedAt,
            ])
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            insert = try db.makeStatement(sql: insert.sql)
            throw ImportError(file: file, position: row.position, featureID: b.buildingID, reason: .duplicateID(b.buildingID, firstPosition: nil))
        }
        let fid = db.lastInsertedRowID
        if let status = b.status {
            try chain.append(RegisteredEvent.content(
                .building, b.buildingID, b.statusDate ?? options.statusDate, status, b.disposalMethod, options.recordedBy, file))
        }
        return fid
    }
}

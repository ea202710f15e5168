import Foundation
import GRDB
import LandbankGeometry
import LandbankLifecycle

/// Inserts buildings after checking that each stands on its parcel: the parcel exists and, grown by
/// `tolerance`, covers the footprint (GEOS). Also writes the `registered` event of a building with a status.
struct BuildingWriter: FeatureWriter {
    /// 5 cm: digitising noise where a footprint shares its parcel's boundary.
    static let tolerance = 0.05

    let db: Database
    let file: String
    let importedAt: String
    let options: ImportOptions
    /// Made again after a refused row: SQLite keeps a failed statement's error until it is reset, and GRDB
    /// would report it again on the next row.
    var insert: Statement
    let chain: HistoryChain
    let parcelGeometry: Statement
    let geos: GEOSContext
    /// Buildings of one parcel usually come together: keep the last parcel's geometry.
    var cached: (id: String, geometry: Geometry)?

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
        parcelGeometry = try db.makeStatement(sql: "SELECT geom FROM parcels WHERE parcel_id = ?")
        geos = try GEOSContext()
    }

    mutating func write(_ row: ImportPipeline.Row) throws -> Int64 {
        guard case .building(let b) = row.attributes else { preconditionFailure("building writer given a parcel") }
        func refuse(_ r: ImportError.Reason, rule: ImportIssue.Rule = .notOnParcel) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: b.buildingID, reason: r)
            if case .badAttribute = r { e.rule = rule }
            return e
        }
        let parcel: Geometry
        if let c = cached, c.id == b.parcelID {
            parcel = c.geometry
        } else {
            guard let blob = try Data.fetchOne(parcelGeometry, arguments: [b.parcelID]) else {
                throw refuse(.badAttribute("no parcel \"\(b.parcelID)\" in the registry to stand on"))
            }
            guard let g = try blob.withUnsafeBytes({ try GeoPackageBinary.decode($0).geometry }) else {
                throw refuse(.badAttribute("parcel \"\(b.parcelID)\" has an empty geometry"))
            }
            parcel = g
            cached = (b.parcelID, g)
        }
        let footprint = Geometry.multiPolygon(row.output.geometry)
        do {
            guard try geos.covers(parcel, footprint, tolerance: Self.tolerance) else {
                throw refuse(.badAttribute("footprint does not lie on parcel \"\(b.parcelID)\" (GEOS: not covered by the parcel grown by \(Self.tolerance) m)"))
            }
        } catch let e as GeometryError {
            throw refuse(.geometry(e))
        }
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
            throw refuse(.duplicateID(b.buildingID, firstPosition: nil))
        }
        let fid = db.lastInsertedRowID
        if let status = b.status {
            try chain.append(RegisteredEvent.content(
                .building, b.buildingID, b.statusDate ?? options.statusDate, status, b.disposalMethod, options.recordedBy, file))
        }
        return fid
    }
}

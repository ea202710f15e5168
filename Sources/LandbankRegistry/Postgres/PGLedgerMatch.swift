import Foundation
import LandbankGeometry

/// `LedgerMatch` for PostgreSQL, inside the import's transaction. The ids seen are kept in memory, as the
/// PostgreSQL import keeps the ids it checks for duplicates (`PGFeatureWriter`): a round trip per feature to a
/// temporary table would cost more than the import itself. The records the file no longer holds are the table's
/// ids, streamed in order, that were not seen.
final class PGLedgerMatch: LedgerMatch {
    let access: PGAccess
    let layer: Layer
    let file: String
    private var seen: [String: Int] = [:]
    private let geos: GEOSContext

    init(access: PGAccess, layer: Layer, file: String) throws {
        self.access = access
        self.layer = layer
        self.file = file
        geos = try GEOSContext()
    }

    func see(_ id: String, position: Int) throws -> Int? {
        if let first = seen[id] { return first }
        seen[id] = position
        return nil
    }

    func buildingRecord(id: String) throws -> (building: Building, geometryDigest: String?)? {
        guard let r = try access.c.query("SELECT \(PGRecords.buildingColumns), geom_sha256 FROM buildings WHERE building_id = $1",
                                         [id]).first else { return nil }
        return (PGRecords.building(r), r["geom_sha256"])
    }

    func forEachUnseen(_ body: (String) throws -> Void) throws {
        let (table, column) = layer == .parcels ? ("parcels", "parcel_id") : ("buildings", "building_id")
        try access.stream("SELECT \(column) AS id FROM \(table) ORDER BY \(column)", []) { r in
            if let id: String = r["id"], seen[id] == nil { try body(id) }
        }
    }

    func setBuildingAttributes(_ b: BuildingAttributes) throws {
        try access.c.query("""
            UPDATE buildings SET parcel_id = $1, name = $2, floor_area_m2 = $3, storeys = $4, clear_height_m = $5,
              floor_load_kn_m2 = $6, power_kva = $7, crane_t = $8, structure = $9, year_built = $10, standard_factory = $11,
              vacant_floor_area_m2 = $12, rent_yuan_m2_month = $13, available_from = $14, properties = $15
            WHERE building_id = $16
            """, [b.parcelID, b.name, b.floorArea, b.storeys, b.clearHeight, b.floorLoad, b.powerKVA, b.craneTonnes,
                  b.structure?.rawValue, b.yearBuilt, b.standardFactory ? 1 : 0, b.vacantFloorArea, b.rent,
                  b.availableFrom?.description, b.otherProperties, b.buildingID])
    }

    func checkStandsOnParcel(_ row: ImportPipeline.Row) throws {
        guard case .building(let b) = row.attributes else { return }
        func refuse(_ r: ImportError.Reason) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: b.buildingID, reason: r)
            if case .badAttribute = r { e.rule = .notOnParcel }
            return e
        }
        guard let parcel = try access.parcel(id: b.parcelID) else {
            throw refuse(.badAttribute("no parcel \"\(b.parcelID)\" in the registry to stand on"))
        }
        do {
            guard try geos.covers(.multiPolygon(parcel.geometry), .multiPolygon(row.output.geometry), tolerance: FootprintCheck.tolerance) else {
                throw refuse(.badAttribute("footprint does not lie on parcel \"\(b.parcelID)\" (GEOS: not covered by the parcel grown by \(FootprintCheck.tolerance) m)"))
            }
        } catch let e as GeometryError {
            throw refuse(.geometry(e))
        }
    }

    func finish() throws {
        seen = [:]
    }
}

import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// Writes imported rows into PostgreSQL inside the import's transaction. Parcels stream through one COPY
/// (ids checked here, against the table and the file,
/// so that a duplicate is refused with its position as the GeoPackage store refuses it); buildings are checked
/// against their parcel (GEOS, as `BuildingWriter` does) and inserted one by one. The parcels' `registered`
/// events are kept as COPY text (about 250 bytes each) and sent after the parcels: one connection runs one COPY.
struct PGFeatureWriter {
    let access: PGAccess
    let layer: Layer
    let file: String
    let importedAt: String
    let options: ImportOptions
    private var chain: PGChain
    private var rows = PGCopy()
    private var events = PGCopy()
    private var existing: Set<String> = []
    private var seen: [String: Int] = [:]
    private let geos: GEOSContext
    private var cached: (id: String, geometry: Geometry)?

    init(access: PGAccess, layer: Layer, file: String, importedAt: String, options: ImportOptions) throws {
        self.access = access
        self.layer = layer
        self.file = file
        self.importedAt = importedAt
        self.options = options
        chain = try access.historyChain()
        geos = try GEOSContext()
    }

    mutating func begin() throws {
        let (table, column) = layer == .parcels ? ("parcels", "parcel_id") : ("buildings", "building_id")
        try access.stream("SELECT \(column) AS id FROM \(table)", []) { r in if let id: String = r["id"] { existing.insert(id) } }
        if layer == .parcels { try access.c.beginCopy(Self.copyParcels) }
    }

    mutating func write(_ row: ImportPipeline.Row) throws {
        switch row.attributes {
        case .parcel(let a): try parcel(row, a)
        case .building(let b): try building(row, b)
        }
    }

    private mutating func parcel(_ row: ImportPipeline.Row, _ a: ParcelAttributes) throws {
        if existing.contains(a.parcelID) || seen[a.parcelID] != nil {
            throw ImportError(file: file, position: row.position, featureID: a.parcelID,
                              reason: .duplicateID(a.parcelID, firstPosition: seen[a.parcelID].map { "feature \($0 + 1)" }))
        }
        seen[a.parcelID] = row.index
        let out = row.output
        rows.row([PGGeometry.hex(try PGGeometry.ewkb(gpkg: out.blob, srid: access.store.srsID)), out.digest, a.parcelID, a.name, a.zone,
                  a.landUse, a.status?.rawValue, a.disposalMethod?.rawValue, out.cadastralAreaM2,
                  out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres), out.ellipsoidalAreaM2,
                  AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2), a.otherProperties, importedAt])
        try rows.flush(into: access.c, force: false)
        if let status = a.status {
            events.row(chain.next(RegisteredEvent.content(
                .parcel, a.parcelID, a.statusDate ?? options.statusDate, status, a.disposalMethod, options.recordedBy, file)).values)
        }
    }

    private mutating func building(_ row: ImportPipeline.Row, _ b: BuildingAttributes) throws {
        func refuse(_ r: ImportError.Reason) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: b.buildingID, reason: r)
            if case .badAttribute = r { e.rule = .notOnParcel }
            return e
        }
        if existing.contains(b.buildingID) || seen[b.buildingID] != nil { throw refuse(.duplicateID(b.buildingID, firstPosition: nil)) }
        let parcel: Geometry
        if let c = cached, c.id == b.parcelID {
            parcel = c.geometry
        } else {
            guard let found = try access.parcel(id: b.parcelID) else {
                throw refuse(.badAttribute("no parcel \"\(b.parcelID)\" in the registry to stand on"))
            }
            parcel = .multiPolygon(found.geometry)
            cached = (b.parcelID, parcel)
        }
        do {
            guard try geos.covers(parcel, .multiPolygon(row.output.geometry), tolerance: BuildingWriter.tolerance) else {
                throw refuse(.badAttribute("footprint does not lie on parcel \"\(b.parcelID)\" (GEOS: not covered by the parcel grown by \(BuildingWriter.tolerance) m)"))
            }
        } catch let e as GeometryError {
            throw refuse(.geometry(e))
        }
        seen[b.buildingID] = row.index
        let out = row.output
        try access.c.query("""
            INSERT INTO buildings (geom, geom_sha256, building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m,
              floor_load_kn_m2, power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2,
              rent_yuan_m2_month, available_from, status, disposal_method, footprint_area_m2,
              footprint_ellipsoidal_area_m2, properties, imported_at)
            VALUES (ST_GeomFromEWKB($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
            """, [try PGGeometry.ewkb(gpkg: out.blob, srid: access.store.srsID), out.digest, b.buildingID, b.parcelID, b.name,
                  b.floorArea, b.storeys, b.clearHeight, b.floorLoad, b.powerKVA, b.craneTonnes, b.structure?.rawValue, b.yearBuilt,
                  b.standardFactory ? 1 : 0, b.vacantFloorArea, b.rent, b.availableFrom?.description, b.status?.rawValue,
                  b.disposalMethod?.rawValue, out.cadastralAreaM2, out.ellipsoidalAreaM2, b.otherProperties, importedAt])
        if let status = b.status {
            try chain.append(RegisteredEvent.content(
                .building, b.buildingID, b.statusDate ?? options.statusDate, status, b.disposalMethod, options.recordedBy, file))
        }
    }

    static let copyParcels = """
        COPY parcels (geom, geom_sha256, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2,
          cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at) FROM STDIN
        """

    /// Ends the parcels' COPY (abandoned when `failing`), then sends their events.
    mutating func finish(failing: Bool = false) throws {
        guard layer == .parcels else { return }
        if failing {
            try? access.c.endCopy(failing: true)
            return
        }
        try rows.flush(into: access.c)
        try access.c.endCopy()
        if events.pending > 0 {
            let buffered = events
            try access.c.copy("""
                COPY events (id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen,
                  recorded_by, note, corrects, recorded_at, hash) FROM STDIN
                """) { copy in copy = buffered }
            events = PGCopy()
        }
    }
}

import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// Writes imported rows into PostgreSQL inside the import's transaction. Parcels stream through one COPY
/// (ids checked here, against the table and the file,
/// so that a duplicate is refused with its position as the GeoPackage store refuses it). Buildings go by the
/// pipeline's batches: the parcels a batch stands on are read in one query, each footprint is checked against its
/// parcel (GEOS, as `BuildingWriter` does), and the batch is sent in one COPY. The `registered` events are kept
/// as COPY text (about 250 bytes each) and sent at the end: one connection runs one COPY at a time.
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
    /// The parcels the current batch of buildings stands on, by id.
    private var standOn: [String: Geometry] = [:]

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
        if !batched { try access.c.beginCopy(Self.copyParcels) }
    }

    /// Rows go by the pipeline's batches, each in a COPY of its own, rather than in one COPY held open: for
    /// buildings (their parcels are read between batches) and for an update (whose changes are written between
    /// rows, and a connection in a COPY runs nothing else).
    var batched: Bool { layer == .buildings || options.update }

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
        if !batched { try rows.flush(into: access.c, force: false) }
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
        guard let parcel = standOn[b.parcelID] else {
            throw refuse(.badAttribute("no parcel \"\(b.parcelID)\" in the registry to stand on"))
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
        rows.row([PGGeometry.hex(try PGGeometry.ewkb(gpkg: out.blob, srid: access.store.srsID)), out.digest, b.buildingID, b.parcelID,
                  b.name, b.floorArea, b.storeys, b.clearHeight, b.floorLoad, b.powerKVA, b.craneTonnes, b.structure?.rawValue,
                  b.yearBuilt, b.standardFactory ? 1 : 0, b.vacantFloorArea, b.rent, b.availableFrom?.description, b.status?.rawValue,
                  b.disposalMethod?.rawValue, out.cadastralAreaM2, out.ellipsoidalAreaM2, b.otherProperties, importedAt])
        if let status = b.status {
            events.row(chain.next(RegisteredEvent.content(
                .building, b.buildingID, b.statusDate ?? options.statusDate, status, b.disposalMethod, options.recordedBy, file)).values)
        }
    }

    /// Before a batch of buildings: reads the parcels they stand on, in one query.
    mutating func beginBatch(_ items: [ImportPipeline.Item]) throws {
        guard layer == .buildings else { return }
        var ids = Set<String>()
        for case .row(let row) in items { if case .building(let b) = row.attributes { ids.insert(b.parcelID) } }
        standOn = [:]
        guard !ids.isEmpty else { return }
        try access.stream("SELECT parcel_id, ST_AsBinary(geom) AS wkb FROM parcels WHERE parcel_id = ANY($1::text[])",
                          [PGCopy.arrayLiteral(ids.sorted())]) { r in
            guard let id: String = r["parcel_id"] else { return }
            standOn[id] = .multiPolygon(try PGGeometry.multiPolygon(r, id: id, location: access.location))
        }
    }

    /// After a batch: sends its rows in one COPY (when `batched`).
    mutating func endBatch() throws {
        guard batched, rows.pending > 0 else { return }
        let buffered = rows
        try access.c.copy(layer == .parcels ? Self.copyParcels : Self.copyBuildings) { copy in copy = buffered }
        rows = PGCopy()
    }

    static let copyParcels = """
        COPY parcels (geom, geom_sha256, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2,
          cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at) FROM STDIN
        """

    static let copyBuildings = """
        COPY buildings (geom, geom_sha256, building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m,
          floor_load_kn_m2, power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2,
          rent_yuan_m2_month, available_from, status, disposal_method, footprint_area_m2,
          footprint_ellipsoidal_area_m2, properties, imported_at) FROM STDIN
        """

    /// Ends the parcels' COPY (abandoned when `failing`), then sends the events.
    mutating func finish(failing: Bool = false) throws {
        if failing {
            if !batched { try? access.c.endCopy(failing: true) }
            return
        }
        if !batched {
            try rows.flush(into: access.c)
            try access.c.endCopy()
        } else {
            try endBatch()
        }
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

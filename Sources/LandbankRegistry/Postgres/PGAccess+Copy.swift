import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// Records as stored, out of and into PostgreSQL, for `Registry.copy`.
extension PGAccess {
    func forEachFeatureRecord(_ layer: Layer, _ body: (FeatureRecord) throws -> Void) throws {
        let columns = layer == .parcels ? PGRecords.parcelColumns : PGRecords.buildingColumns + ", geom_sha256, imported_at"
        try stream("SELECT \(columns), ST_AsBinary(geom) AS wkb FROM \(layer.rawValue) ORDER BY fid", []) { r in
            let item: FeatureRecord.Item = layer == .parcels ? .parcel(PGRecords.parcel(r)) : .building(PGRecords.building(r))
            let id: String = r[layer == .parcels ? "parcel_id" : "building_id"] ?? ""
            try body(FeatureRecord(item: item, geometry: try PGGeometry.multiPolygon(r, id: id, location: location),
                                   digest: r["geom_sha256"], importedAt: r["imported_at"] ?? ""))
        }
    }

    func forEachEventRecord(_ body: (HistoryEvent, String) throws -> Void) throws {
        try stream("SELECT \(PGRecords.eventColumns), hash FROM events ORDER BY id", []) { r in
            guard let e = PGRecords.event(r) else {
                throw RegistryError(path: location, kind: .damaged, "event #\(r["id"] as Int64? ?? 0) cannot be read as an event")
            }
            try body(e, r["hash"] ?? "")
        }
    }

    func forEachKeptGeometry(_ body: (KeptGeometry) throws -> Void) throws {
        try stream("""
            SELECT id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2, previous_ellipsoidal_area_m2, hash
            FROM geometry_history ORDER BY id
            """, []) { r in
            let kind = (r["subject"] as String?).flatMap(Subject.Kind.init(rawValue:)) ?? .parcel
            let id: Int64 = r["id"] ?? 0, eventID: Int64 = r["event_id"] ?? 0, blob: [UInt8] = r["previous_geom"] ?? []
            let ellipsoidal: Double = r["previous_ellipsoidal_area_m2"] ?? .nan, hash: String = r["hash"] ?? ""
            try body(KeptGeometry(id: id, subject: Subject(kind, r["subject_id"] ?? ""), eventID: eventID, blob: blob,
                                  cadastralAreaM2: r["previous_cadastral_area_m2"], ellipsoidalAreaM2: ellipsoidal, hash: hash))
        }
    }

    func projectEventRecords() throws -> [(event: ProjectEvent, hash: String)] {
        let hashes = Dictionary(try c.query("SELECT id, hash FROM project_events").rows.map { ($0["id"] ?? Int64(0), $0["hash"] ?? "") },
                                uniquingKeysWith: { a, _ in a })
        return try projectEvents(of: nil).sorted { $0.id < $1.id }.map { ($0, hashes[$0.id] ?? "") }
    }

    func zonePolicyRecords() throws -> [ZonePolicyRecord] {
        try c.query("SELECT zone, policy, updated_at, updated_by FROM zone_policies ORDER BY zone").rows.map { r in
            ZonePolicyRecord(zone: r["zone"] ?? "", json: r["policy"] ?? "{}", updatedAt: r["updated_at"] ?? "", updatedBy: r["updated_by"] ?? "")
        }
    }

    func insertFeatureRecord(_ f: FeatureRecord) throws {
        let ewkb = try PGGeometry.ewkb(gpkg: PGGeometry.gpkg(f.geometry, srid: store.srsID), srid: store.srsID)
        switch f.item {
        case .parcel(let p):
            try c.query("""
                INSERT INTO parcels (geom, geom_sha256, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2,
                  cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at)
                VALUES (ST_GeomFromEWKB($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """, [ewkb, f.digest, p.parcelID, p.name, p.zone, p.landUse, p.status?.rawValue, p.disposalMethod?.rawValue,
                      p.cadastralAreaM2, p.cadastralAreaMu, p.ellipsoidalAreaM2, p.ellipsoidalAreaMu, p.properties, f.importedAt])
        case .building(let b):
            try c.query("""
                INSERT INTO buildings (geom, geom_sha256, building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m,
                  floor_load_kn_m2, power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2,
                  rent_yuan_m2_month, available_from, status, disposal_method, footprint_area_m2,
                  footprint_ellipsoidal_area_m2, properties, imported_at)
                VALUES (ST_GeomFromEWKB($1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
                """, [ewkb, f.digest, b.buildingID, b.parcelID, b.name, b.floorAreaM2, b.storeys, b.clearHeightM, b.floorLoadKNm2,
                      b.powerKVA, b.craneT, b.structure?.rawValue, b.yearBuilt, b.standardFactory ? 1 : 0, b.vacantFloorAreaM2,
                      b.rentYuanM2Month, b.availableFrom?.description, b.status?.rawValue, b.disposalMethod?.rawValue,
                      b.footprintAreaM2, b.footprintEllipsoidalAreaM2, b.properties, f.importedAt])
        }
    }

    func insertEventRecord(_ e: HistoryEvent) throws -> String {
        try historyChain().insert(e)
    }

    func insertKeptGeometry(_ g: KeptGeometry) throws -> String {
        let eventHash: String = try c.query("SELECT hash FROM events WHERE id = $1", [g.eventID]).first?["hash"] ?? HistoryChain.genesis
        let hash = HistoryChain.hash(id: g.id, GeometryContent(subject: g.subject, eventID: g.eventID, blob: Data(g.blob),
                                                               cadastralAreaM2: g.cadastralAreaM2, ellipsoidalAreaM2: g.ellipsoidalAreaM2),
                                     eventHash: eventHash)
        try c.query("""
            INSERT INTO geometry_history (id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2,
              previous_ellipsoidal_area_m2, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [g.id, g.subject.kind.rawValue, g.subject.id, g.eventID, g.blob, g.cadastralAreaM2, g.ellipsoidalAreaM2, hash])
        return hash
    }

    func insertProjectEventRecord(_ e: ProjectEvent) throws -> String {
        let previous: String = try c.query("SELECT hash FROM project_events WHERE id < $1 ORDER BY id DESC LIMIT 1", [e.id])
            .first?["hash"] ?? HistoryChain.genesis
        let sites = e.sites.isEmpty ? nil : ProjectChain.sitesJSON(e.sites)
        let changes = e.changes.isEmpty ? nil : ProjectChain.changesJSON(e.changes)
        let hash = ProjectChain.hash(ProjectChain.content(
            id: e.id, projectID: e.projectID, date: e.date.description, stage: e.stage.rawValue, kind: e.kind.rawValue, sites: sites,
            recordedBy: e.recordedBy, note: e.note, corrects: e.corrects, recordedAt: e.recordedAt, changes: changes), previous: previous)
        try c.query("""
            INSERT INTO project_events (\(ProjectChain.columns), hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, [e.id, e.projectID, e.date.description, e.stage.rawValue, e.kind.rawValue, sites, e.recordedBy,
                  e.note, e.corrects, e.recordedAt, changes, hash])
        return hash
    }

    func insertImportRecord(_ r: ImportRecord, issues: [ImportIssue]) throws {
        try c.query("""
            INSERT INTO imports (id, file, file_sha256, layer, mode, started_at, finished_at, recorded_by, features, added,
              updated, unchanged, missing, repaired, rejected, flagged, outcome, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            """, [r.id, r.file, r.fileSHA256, r.layer, r.mode, r.startedAt, r.finishedAt, r.recordedBy, r.features, r.added,
                  r.updated, r.unchanged, r.missing, r.repaired, r.rejected, r.flagged, r.outcome.rawValue, r.message])
        // The serial goes on from the largest number copied, so the next import does not collide with one.
        try c.query("SELECT setval(pg_get_serial_sequence('imports', 'id'), (SELECT max(id) FROM imports))")
        try c.copy("COPY import_issues (import_id, position, feature_id, field, rule, value, action, message, location) FROM STDIN") { copy in
            for i in issues {
                copy.row([r.id, i.position, i.featureID, i.field, i.rule.rawValue, i.value, i.action.rawValue, i.message, i.location])
            }
        }
    }
}

import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// Records as stored, out of and into a GeoPackage, for `Registry.copy` (the GeoPackage is the exchange
/// format: every registry, whatever its store, can be copied into one and back, history and hashes included).
extension GeoPackageAccess {
    func forEachFeatureRecord(_ layer: Layer, _ body: (FeatureRecord) throws -> Void) throws {
        let columns = layer == .parcels ? Parcel.Columns.all : Building.columns + ", geom_sha256, imported_at"
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns), geom FROM \(layer.rawValue) ORDER BY fid")
        while let row = try rows.next() {
            let item: FeatureRecord.Item = layer == .parcels ? .parcel(Parcel(row: row)) : .building(Building(row: row))
            let id: String = row[layer == .parcels ? "parcel_id" : "building_id"]
            try body(FeatureRecord(item: item, geometry: try SpatialLayer.geometry(row, id: id, path: path),
                                   digest: row["geom_sha256"], importedAt: row["imported_at"]))
        }
    }

    func forEachEventRecord(_ body: (HistoryEvent, String) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(HistoryEvent.columns), hash FROM events ORDER BY id")
        while let row = try rows.next() { try body(HistoryEvent(row: row), row["hash"] ?? "") }
    }

    func forEachKeptGeometry(_ body: (KeptGeometry) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(GeometryContent.columns), hash FROM geometry_history ORDER BY id")
        while let row = try rows.next() {
            let g = GeometryContent(row: row)
            try body(KeptGeometry(id: row["id"], subject: Subject(Subject.Kind(rawValue: g.subjectKind) ?? .parcel, g.subjectID),
                                  eventID: g.eventID, blob: [UInt8](g.blob), cadastralAreaM2: g.cadastralAreaM2,
                                  ellipsoidalAreaM2: g.ellipsoidalAreaM2, hash: row["hash"] ?? ""))
        }
    }

    func projectEventRecords() throws -> [(event: ProjectEvent, hash: String)] {
        let hashes = Dictionary(try Row.fetchAll(db, sql: "SELECT id, hash FROM project_events").map { ($0["id"] as Int64, $0["hash"] as String) },
                                uniquingKeysWith: { a, _ in a })
        return try projectEvents(of: nil).sorted { $0.id < $1.id }.map { ($0, hashes[$0.id] ?? "") }
    }

    func zonePolicyRecords() throws -> [ZonePolicyRecord] {
        try Row.fetchAll(db, sql: "SELECT zone, policy, updated_at, updated_by FROM zone_policies ORDER BY zone").map {
            ZonePolicyRecord(zone: $0["zone"], json: $0["policy"], updatedAt: $0["updated_at"], updatedBy: $0["updated_by"])
        }
    }

    func insertFeatureRecord(_ f: FeatureRecord) throws {
        let srs = try Int32.fetchOne(db, sql: "SELECT value FROM landbank_settings WHERE key = 'srs_id'") ?? 0
        let envelope = f.geometry.boundingBox
        let blob = Data(GeoPackageBinary.encode(.multiPolygon(f.geometry), srsID: srs, envelope: envelope))
        switch f.item {
        case .parcel(let p):
            try db.execute(sql: """
                INSERT INTO parcels (geom, geom_sha256, parcel_id, name, zone, land_use, status, disposal_method,
                  cadastral_area_m2, cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [blob, f.digest, p.parcelID, p.name, p.zone, p.landUse, p.status?.rawValue, p.disposalMethod?.rawValue,
                                 p.cadastralAreaM2, p.cadastralAreaMu, p.ellipsoidalAreaM2, p.ellipsoidalAreaMu, p.properties, f.importedAt])
        case .building(let b):
            let values: [DatabaseValueConvertible?] = [
                blob, f.digest, b.buildingID, b.parcelID, b.name, b.floorAreaM2, b.storeys, b.clearHeightM, b.floorLoadKNm2,
                b.powerKVA, b.craneT, b.structure?.rawValue, b.yearBuilt, b.standardFactory, b.vacantFloorAreaM2,
                b.rentYuanM2Month, b.availableFrom?.description, b.status?.rawValue, b.disposalMethod?.rawValue,
                b.footprintAreaM2, b.footprintEllipsoidalAreaM2, b.properties, f.importedAt]
            try db.execute(sql: """
                INSERT INTO buildings (geom, geom_sha256, building_id, parcel_id, name, floor_area_m2, storeys, clear_height_m,
                  floor_load_kn_m2, power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2,
                  rent_yuan_m2_month, available_from, status, disposal_method, footprint_area_m2,
                  footprint_ellipsoidal_area_m2, properties, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(values))
        }
        try GeoPackageContents.widenExtent(of: f.subject.kind.table, by: envelope, in: db)
    }

    func insertEventRecord(_ e: HistoryEvent) throws -> String {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM events ORDER BY id DESC LIMIT 1") ?? HistoryChain.genesis
        let content = EventContent(subject: e.subject, date: e.date, kind: e.kind, status: e.status, disposalMethod: e.disposalMethod,
                                   legalBasis: e.legalBasis, amount: e.amount, recordedBy: e.recordedBy, note: e.note,
                                   corrects: e.corrects, recordedAt: e.recordedAt)
        let hash = HistoryChain.hash(id: e.id, content, previous: previous)
        try db.execute(sql: """
            INSERT INTO events (id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen,
              recorded_by, note, corrects, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.id, content.subjectKind, content.subjectID, content.date, content.kind, content.status,
                             content.disposalMethod, content.legalBasis, content.amountFen, content.recordedBy, content.note,
                             content.corrects, content.recordedAt, hash])
        return hash
    }

    func insertKeptGeometry(_ g: KeptGeometry) throws -> String {
        let eventHash = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE id = ?", arguments: [g.eventID]) ?? HistoryChain.genesis
        let content = GeometryContent(subject: g.subject, eventID: g.eventID, blob: Data(g.blob), cadastralAreaM2: g.cadastralAreaM2,
                                      ellipsoidalAreaM2: g.ellipsoidalAreaM2)
        let hash = HistoryChain.hash(id: g.id, content, eventHash: eventHash)
        try db.execute(sql: """
            INSERT INTO geometry_history (id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2,
              previous_ellipsoidal_area_m2, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [g.id, content.subjectKind, content.subjectID, g.eventID, content.blob, g.cadastralAreaM2,
                             g.ellipsoidalAreaM2, hash])
        return hash
    }

    func insertProjectEventRecord(_ e: ProjectEvent) throws -> String {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM project_events WHERE id < ? ORDER BY id DESC LIMIT 1",
                                           arguments: [e.id]) ?? HistoryChain.genesis
        let sites = e.sites.isEmpty ? nil : ProjectChain.sitesJSON(e.sites)
        let changes = e.changes.isEmpty ? nil : ProjectChain.changesJSON(e.changes)
        let hash = ProjectChain.hash(ProjectChain.content(
            id: e.id, projectID: e.projectID, date: e.date.description, stage: e.stage.rawValue, kind: e.kind.rawValue, sites: sites,
            recordedBy: e.recordedBy, note: e.note, corrects: e.corrects, recordedAt: e.recordedAt, changes: changes), previous: previous)
        try db.execute(sql: """
            INSERT INTO project_events (\(ProjectChain.columns), hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.id, e.projectID, e.date.description, e.stage.rawValue, e.kind.rawValue, sites, e.recordedBy,
                             e.note, e.corrects, e.recordedAt, changes, hash])
        return hash
    }

    func insertImportRecord(_ r: ImportRecord, issues: [ImportIssue]) throws {
        try db.execute(sql: """
            INSERT INTO imports (id, file, file_sha256, layer, mode, started_at, finished_at, recorded_by, features, added,
              updated, unchanged, missing, repaired, rejected, flagged, outcome, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.id, r.file, r.fileSHA256, r.layer, r.mode, r.startedAt, r.finishedAt, r.recordedBy, r.features,
                             r.added, r.updated, r.unchanged, r.missing, r.repaired, r.rejected, r.flagged, r.outcome.rawValue,
                             r.message])
        let insert = try db.makeStatement(sql: """
            INSERT INTO import_issues (import_id, position, feature_id, field, rule, value, action, message, location)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for i in issues {
            try insert.execute(arguments: [r.id, i.position, i.featureID, i.field, i.rule.rawValue, i.value, i.action.rawValue,
                                           i.message, i.location])
        }
    }
}

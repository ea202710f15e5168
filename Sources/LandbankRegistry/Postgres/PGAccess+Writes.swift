import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// The PostGIS store's primitive writes (inside `PostGISStore.write`'s transaction).
extension PGAccess {
    func appendEvent(_ e: NewEvent, kind: EventKind) throws -> HistoryEvent {
        let id = try historyChain().append(EventContent(
            subject: e.subject, date: e.date, kind: kind, status: e.status, disposalMethod: e.disposalMethod,
            legalBasis: e.legalBasis, amount: e.amount, recordedBy: e.recordedBy, note: e.note, corrects: e.corrects))
        guard let added = try event(id: id) else {
            // Inserted just above in this transaction: not finding it is a bug of ours.
            preconditionFailure("event #\(id) vanished inside its own transaction")
        }
        return added
    }

    func setStatus(of s: Subject, _ status: ParcelStatus?, _ method: DisposalMethod?) throws {
        let (table, column) = s.kind == .parcel ? ("parcels", "parcel_id") : ("buildings", "building_id")
        try c.query("UPDATE \(table) SET status = $1, disposal_method = $2 WHERE \(column) = $3",
                    [status?.rawValue, method?.rawValue, s.id])
    }

    func putContract(_ k: StoredContract) throws {
        try c.query("""
            INSERT INTO contracts (\(PGRecords.contractColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (parcel_id, contract_no) DO UPDATE SET holder = EXCLUDED.holder, land_price_fen = EXCLUDED.land_price_fen,
              agreed_start = EXCLUDED.agreed_start, agreed_completion = EXCLUDED.agreed_completion,
              actual_start = EXCLUDED.actual_start, stopped_on = EXCLUDED.stopped_on,
              developed_area_m2 = EXCLUDED.developed_area_m2, total_area_m2 = EXCLUDED.total_area_m2,
              investment_made_fen = EXCLUDED.investment_made_fen, total_investment_fen = EXCLUDED.total_investment_fen,
              delay_cause = EXCLUDED.delay_cause, delay_note = EXCLUDED.delay_note, terminated_on = EXCLUDED.terminated_on
            """, PGRecords.contractValues(k))
    }

    func geometryRecord(of s: Subject) throws -> GeometryRecord? {
        let (table, column, cad, ell) = s.kind == .parcel
            ? ("parcels", "parcel_id", "cadastral_area_m2", "ellipsoidal_area_m2")
            : ("buildings", "building_id", "footprint_area_m2", "footprint_ellipsoidal_area_m2")
        guard let r = try c.query("SELECT ST_AsBinary(geom) AS wkb, \(cad) AS cad, \(ell) AS ell FROM \(table) WHERE \(column) = $1",
                                  [s.id]).first else { return nil }
        let g = try PGGeometry.multiPolygon(r, id: s.id, location: location)
        return GeometryRecord(blob: PGGeometry.gpkg(g, srid: store.srsID), geometry: .multiPolygon(g),
                              cadastralAreaM2: r["cad"], ellipsoidalAreaM2: r["ell"] ?? .nan)
    }

    func keepGeometry(_ r: GeometryRecord, of s: Subject, eventID: Int64) throws {
        try historyChain().keepGeometry(GeometryContent(subject: s, eventID: eventID, blob: Data(r.blob),
                                                          cadastralAreaM2: r.cadastralAreaM2, ellipsoidalAreaM2: r.ellipsoidalAreaM2))
    }

    func storeGeometry(_ out: FeatureProcessor.Output, of s: Subject) throws {
        let ewkb = try PGGeometry.ewkb(gpkg: out.blob, srid: store.srsID)
        if s.kind == .parcel {
            try c.query("""
                UPDATE parcels SET geom = ST_GeomFromEWKB($1), geom_sha256 = $2, cadastral_area_m2 = $3, ellipsoidal_area_m2 = $4,
                  cadastral_area_mu = $5, ellipsoidal_area_mu = $6 WHERE parcel_id = $7
                """, [ewkb, out.digest, out.cadastralAreaM2, out.ellipsoidalAreaM2,
                      out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres), AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2), s.id])
        } else {
            try c.query("""
                UPDATE buildings SET geom = ST_GeomFromEWKB($1), geom_sha256 = $2, footprint_area_m2 = $3,
                  footprint_ellipsoidal_area_m2 = $4 WHERE building_id = $5
                """, [ewkb, out.digest, out.cadastralAreaM2, out.ellipsoidalAreaM2, s.id])
        }
    }

    func putZonePolicy(zone: String, json: String, at time: String, by recordedBy: String) throws {
        try c.query("""
            INSERT INTO zone_policies (zone, policy, updated_at, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (zone) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """, [zone, json, time, recordedBy])
    }

    func setVacantFloorArea(buildingID: String, _ m2: Double?) throws {
        try c.query("UPDATE buildings SET vacant_floor_area_m2 = $1 WHERE building_id = $2", [m2, buildingID])
    }

    func putToken(_ t: StoredToken) throws {
        try c.query("""
            INSERT INTO landbank_tokens (name, role, token_sha256, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5)
            """, [t.name, t.role.rawValue, t.digest, t.createdAt, t.revokedAt])
    }

    func revokeToken(name: String, at time: String) throws -> Bool {
        try c.query("UPDATE landbank_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL", [time, name]).affected > 0
    }

    func setParcelAttributes(id: String, name: String?, zone: String?, landUse: String?, properties: String) throws {
        try c.query("UPDATE parcels SET name = $1, zone = $2, land_use = $3, properties = $4 WHERE parcel_id = $5",
                    [name, zone, landUse, properties, id])
    }
}

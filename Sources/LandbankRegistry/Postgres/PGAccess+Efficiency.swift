import Foundation
import LandbankGeometry
import LandbankLifecycle

/// Enterprise figures, approval batches and disposal plans as the PostGIS store keeps them
/// (`PGSchema.efficiency`), read and written as the GeoPackage store does.
extension PGAccess {
    static let enterpriseColumns = """
        year, enterprise_id, name, parcel_id, floor_space_m2, tax_fen, value_added_fen, sales_fen, rd_fen, investment_fen,
        energy_tce, emissions_t, employees, safety_incidents, environment_incidents, major_safety_incidents,
        major_environment_incidents
        """

    func enterpriseFigures(year: Int?) throws -> [EnterpriseFigures] {
        try c.query("""
            SELECT \(Self.enterpriseColumns) FROM enterprise_figures WHERE $1::integer IS NULL OR year = $1
            ORDER BY year, enterprise_id, parcel_id
            """, [year]).rows.map { r in
            func money(_ column: String) -> Money? { (r[column] as Int64?).map(Money.init(fen:)) }
            return EnterpriseFigures(year: r["year"] ?? 0, enterpriseID: r["enterprise_id"] ?? "", name: r["name"],
                                     parcelID: r["parcel_id"] ?? "", floorSpaceM2: r["floor_space_m2"], tax: money("tax_fen"),
                                     valueAdded: money("value_added_fen"), sales: money("sales_fen"), rd: money("rd_fen"),
                                     investment: money("investment_fen"), energyTCE: r["energy_tce"], emissionsT: r["emissions_t"],
                                     employees: r["employees"], safetyIncidents: r["safety_incidents"],
                                     environmentIncidents: r["environment_incidents"],
                                     majorSafetyIncidents: r["major_safety_incidents"],
                                     majorEnvironmentIncidents: r["major_environment_incidents"])
        }
    }

    func replaceEnterpriseFigures(year: Int, enterpriseID: String, rows: [EnterpriseFigures], recordedBy: String,
                                  at time: String) throws -> Int {
        let before = try c.query("DELETE FROM enterprise_figures WHERE year = $1 AND enterprise_id = $2 RETURNING id",
                                 [year, enterpriseID]).count
        for f in rows {
            try c.query("""
                INSERT INTO enterprise_figures (\(Self.enterpriseColumns), recorded_by, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
                """, [f.year, f.enterpriseID, f.name, f.parcelID, f.floorSpaceM2, f.tax?.fen, f.valueAdded?.fen, f.sales?.fen,
                      f.rd?.fen, f.investment?.fen, f.energyTCE, f.emissionsT, f.employees, f.safetyIncidents,
                      f.environmentIncidents, f.majorSafetyIncidents, f.majorEnvironmentIncidents, recordedBy, time])
        }
        return before
    }

    func approvalBatches() throws -> [ApprovalBatch] {
        try c.query("""
            SELECT approval_no, name, kind, approved_on, zone, declared_area_mu, cadastral_area_m2, ellipsoidal_area_m2,
              ST_AsBinary(geom) AS wkb
            FROM approval_batches ORDER BY approval_no
            """).rows.map { r in
            let no: String = r["approval_no"] ?? ""
            return ApprovalBatch(approvalNumber: no, name: r["name"], kind: ApprovalBatch.Kind(rawValue: r["kind"] ?? "") ?? .farmlandConversion,
                                 approvedOn: GeoPackageAccess.date(r["approved_on"]) ?? CivilDate(daysSince1970: 0), zone: r["zone"],
                                 declaredAreaMu: r["declared_area_mu"],
                                 geometry: try PGGeometry.multiPolygon(r, id: no, location: location),
                                 cadastralAreaM2: r["cadastral_area_m2"], ellipsoidalAreaM2: r["ellipsoidal_area_m2"] ?? 0)
        }
    }

    func putApprovalBatch(_ b: ApprovalBatch, recordedBy: String, at time: String) throws {
        let ewkb = try PGGeometry.ewkb(gpkg: PGGeometry.gpkg(b.geometry, srid: store.srsID), srid: store.srsID)
        try c.query("""
            INSERT INTO approval_batches (geom, approval_no, name, kind, approved_on, zone, declared_area_mu, cadastral_area_m2,
              ellipsoidal_area_m2, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (approval_no) DO UPDATE SET geom = excluded.geom, name = excluded.name, kind = excluded.kind,
              approved_on = excluded.approved_on, zone = excluded.zone, declared_area_mu = excluded.declared_area_mu,
              cadastral_area_m2 = excluded.cadastral_area_m2, ellipsoidal_area_m2 = excluded.ellipsoidal_area_m2,
              recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
            """, [ewkb, b.approvalNumber, b.name, b.kind.rawValue, b.approvedOn.description, b.zone, b.declaredAreaMu,
                  b.cadastralAreaM2, b.ellipsoidalAreaM2, recordedBy, time])
    }

    func inefficiencyPlans() throws -> [InefficiencyPlan] {
        try c.query("SELECT parcel_id, method, planned_for, note, recorded_by, recorded_at FROM inefficiency_plans ORDER BY id")
            .rows.map { r in
                InefficiencyPlan(parcelID: r["parcel_id"] ?? "", method: DisposalMethod(rawValue: r["method"] ?? "") ?? .landRecovery,
                                 plannedFor: GeoPackageAccess.date(r["planned_for"]) ?? CivilDate(daysSince1970: 0), note: r["note"],
                                 recordedBy: r["recorded_by"] ?? "", recordedAt: r["recorded_at"] ?? "")
            }
    }

    func addInefficiencyPlan(_ p: InefficiencyPlan) throws {
        try c.query("""
            INSERT INTO inefficiency_plans (parcel_id, method, planned_for, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
            """, [p.parcelID, p.method.rawValue, p.plannedFor.description, p.note, p.recordedBy, p.recordedAt])
    }
}

import Foundation
import GRDB
import LandbankGeometry
import LandbankLifecycle

/// Enterprise figures, approval batches and disposal plans as stored (migration 12).
extension GeoPackageAccess {
    static let enterpriseColumns = """
        year, enterprise_id, name, parcel_id, floor_space_m2, tax_fen, value_added_fen, sales_fen, rd_fen, investment_fen,
        energy_tce, emissions_t, employees, safety_incidents, environment_incidents, major_safety_incidents,
        major_environment_incidents
        """

    func enterpriseFigures(year: Int?) throws -> [EnterpriseFigures] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.enterpriseColumns) FROM enterprise_figures WHERE ?1 IS NULL OR year = ?1
            ORDER BY year, enterprise_id, parcel_id
            """, arguments: [year]).map { r in
            EnterpriseFigures(year: r["year"], enterpriseID: r["enterprise_id"], name: r["name"], parcelID: r["parcel_id"],
                              floorSpaceM2: r["floor_space_m2"], tax: Self.money(r["tax_fen"]),
                              valueAdded: Self.money(r["value_added_fen"]), sales: Self.money(r["sales_fen"]),
                              rd: Self.money(r["rd_fen"]), investment: Self.money(r["investment_fen"]),
                              energyTCE: r["energy_tce"], emissionsT: r["emissions_t"], employees: r["employees"],
                              safetyIncidents: r["safety_incidents"], environmentIncidents: r["environment_incidents"],
                              majorSafetyIncidents: r["major_safety_incidents"],
                              majorEnvironmentIncidents: r["major_environment_incidents"])
        }
    }

    func replaceEnterpriseFigures(year: Int, enterpriseID: String, rows: [EnterpriseFigures], recordedBy: String,
                                  at time: String) throws -> Int {
        try db.execute(sql: "DELETE FROM enterprise_figures WHERE year = ? AND enterprise_id = ?", arguments: [year, enterpriseID])
        let before = db.changesCount
        let insert = try db.cachedStatement(sql: """
            INSERT INTO enterprise_figures (\(Self.enterpriseColumns), recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for f in rows {
            let values: [(any DatabaseValueConvertible)?] = [
                f.year, f.enterpriseID, f.name, f.parcelID, f.floorSpaceM2, f.tax?.fen, f.valueAdded?.fen, f.sales?.fen,
                f.rd?.fen, f.investment?.fen, f.energyTCE, f.emissionsT, f.employees, f.safetyIncidents,
                f.environmentIncidents, f.majorSafetyIncidents, f.majorEnvironmentIncidents, recordedBy, time,
            ]
            try insert.execute(arguments: StatementArguments(values))
        }
        return before
    }

    func approvalBatches() throws -> [ApprovalBatch] {
        try Row.fetchAll(db, sql: """
            SELECT approval_no, name, kind, approved_on, zone, declared_area_mu, cadastral_area_m2, ellipsoidal_area_m2, geom
            FROM approval_batches ORDER BY approval_no
            """).map { r in
            let no: String = r["approval_no"]
            return ApprovalBatch(approvalNumber: no, name: r["name"], kind: ApprovalBatch.Kind(rawValue: r["kind"]) ?? .farmlandConversion,
                                 approvedOn: Self.date(r["approved_on"]) ?? CivilDate(daysSince1970: 0), zone: r["zone"],
                                 declaredAreaMu: r["declared_area_mu"], geometry: try SpatialLayer.geometry(r, id: no, path: path),
                                 cadastralAreaM2: r["cadastral_area_m2"], ellipsoidalAreaM2: r["ellipsoidal_area_m2"])
        }
    }

    func putApprovalBatch(_ b: ApprovalBatch, recordedBy: String, at time: String) throws {
        let srs = try Int32.fetchOne(db, sql: "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'approval_batches'") ?? 0
        let blob = Data(StoredGeometry.encode(.multiPolygon(b.geometry), srsID: srs))
        try db.execute(sql: """
            INSERT INTO approval_batches (geom, approval_no, name, kind, approved_on, zone, declared_area_mu, cadastral_area_m2,
              ellipsoidal_area_m2, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (approval_no) DO UPDATE SET geom = excluded.geom, name = excluded.name, kind = excluded.kind,
              approved_on = excluded.approved_on, zone = excluded.zone, declared_area_mu = excluded.declared_area_mu,
              cadastral_area_m2 = excluded.cadastral_area_m2, ellipsoidal_area_m2 = excluded.ellipsoidal_area_m2,
              recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
            """, arguments: [blob, b.approvalNumber, b.name, b.kind.rawValue, b.approvedOn.description, b.zone, b.declaredAreaMu,
                             b.cadastralAreaM2, b.ellipsoidalAreaM2, recordedBy, time])
    }

    func inefficiencyPlans() throws -> [InefficiencyPlan] {
        try Row.fetchAll(db, sql: "SELECT parcel_id, method, planned_for, note, recorded_by, recorded_at FROM inefficiency_plans ORDER BY id")
            .map { r in
                InefficiencyPlan(parcelID: r["parcel_id"], method: DisposalMethod(rawValue: r["method"]) ?? .landRecovery,
                                 plannedFor: Self.date(r["planned_for"]) ?? CivilDate(daysSince1970: 0), note: r["note"],
                                 recordedBy: r["recorded_by"], recordedAt: r["recorded_at"])
            }
    }

    func addInefficiencyPlan(_ p: InefficiencyPlan) throws {
        try db.execute(sql: """
            INSERT INTO inefficiency_plans (parcel_id, method, planned_for, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [p.parcelID, p.method.rawValue, p.plannedFor.description, p.note, p.recordedBy, p.recordedAt])
    }
}

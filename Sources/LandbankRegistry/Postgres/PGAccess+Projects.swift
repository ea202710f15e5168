import Foundation
import LandbankLifecycle

/// Projects, their history, actuals and incentives, as the PostGIS store keeps them (`PGSchema.projects`).
extension PGAccess {
    static let projectColumns = """
        project_id, name, investor, industry, team, zone, demand, cause, stage, investment_fen, output_fen, tax_fen, jobs,
        floor_space_m2, tenants, sign_by, land_by, start_by, production_by, figures_by, strategic_emerging, investor_class
        """

    func projects(id: String?) throws -> [Project] {
        try c.query("SELECT \(Self.projectColumns) FROM projects WHERE $1::text IS NULL OR project_id = $1 ORDER BY project_id",
                    [id]).rows.map(Self.project)
    }

    func projectEvents(of projectID: String?) throws -> [ProjectEvent] {
        guard let projectID else {
            return try c.query("SELECT \(ProjectChain.columns) FROM project_events ORDER BY project_id, event_date, id").rows
                .map(Self.projectEvent)
        }
        return try c.query("SELECT \(ProjectChain.columns) FROM project_events WHERE project_id = $1 ORDER BY event_date, id",
                           [projectID]).rows.map(Self.projectEvent)
    }

    func lastStageEvent(of projectID: String) throws -> ProjectEvent? {
        try c.query("""
            SELECT \(ProjectChain.columns) FROM project_events WHERE project_id = $1 AND kind NOT IN (\(GeoPackageAccess.notForStage))
            ORDER BY event_date DESC, id DESC LIMIT 1
            """, [projectID]).rows.first.map(Self.projectEvent)
    }

    func lastProjectEventID(of projectID: String) throws -> Int64? {
        try c.query("SELECT max(id) AS id FROM project_events WHERE project_id = $1", [projectID]).rows.first.flatMap { $0["id"] }
    }

    func projectEvent(id: Int64) throws -> ProjectEvent? {
        try c.query("SELECT \(ProjectChain.columns) FROM project_events WHERE id = $1", [id]).rows.first.map(Self.projectEvent)
    }

    /// One row of `project_events` (the columns of `ProjectChain.columns`).
    static func projectEvent(_ r: PGRow) -> ProjectEvent {
        ProjectEvent(id: r["id"] ?? 0, projectID: r["project_id"] ?? "",
                     date: GeoPackageAccess.date(r["event_date"]) ?? CivilDate(daysSince1970: 0),
                     stage: ProjectStage(rawValue: r["stage"] ?? "") ?? .lead,
                     kind: ProjectEvent.Kind(rawValue: r["kind"] ?? "") ?? .stage, sites: GeoPackageAccess.sites(r["sites"]),
                     recordedBy: r["recorded_by"] ?? "", note: r["note"], corrects: r["corrects"], recordedAt: r["recorded_at"] ?? "",
                     changes: ProjectChain.changes(r["changes"]))
    }

    func projectActuals(of projectID: String?) throws -> [ProjectActual] {
        try c.query("""
            SELECT project_id, year, investment_fen, output_fen, tax_fen, jobs, tenants, floor_space_m2 FROM project_actuals
            WHERE $1::text IS NULL OR project_id = $1 ORDER BY project_id, year
            """, [projectID]).rows.map { r in
            ProjectActual(projectID: r["project_id"] ?? "", year: r["year"] ?? 0, investment: money(r["investment_fen"]),
                          output: money(r["output_fen"]), tax: money(r["tax_fen"]), jobs: r["jobs"],
                          tenants: r["tenants"], floorSpaceM2: r["floor_space_m2"])
        }
    }

    func projectIncentives(of projectID: String?) throws -> [ProjectIncentive] {
        try c.query("""
            SELECT project_id, kind, amount_fen, paid_date, basis FROM project_incentives
            WHERE $1::text IS NULL OR project_id = $1 ORDER BY project_id, paid_date, id
            """, [projectID]).rows.map { r in
            ProjectIncentive(projectID: r["project_id"] ?? "", kind: ProjectIncentive.Kind(rawValue: r["kind"] ?? "") ?? .promised,
                             amount: Money(fen: r["amount_fen"] ?? 0),
                             date: GeoPackageAccess.date(r["paid_date"]) ?? CivilDate(daysSince1970: 0), basis: r["basis"] ?? "")
        }
    }

    /// The first project event whose hash does not follow from its content and the chain before it.
    func projectChainProblems() throws -> [String] {
        var previous = HistoryChain.genesis
        var found: [String] = []
        try stream("SELECT \(ProjectChain.columns), hash FROM project_events ORDER BY id", []) { r in
            guard found.isEmpty else { return }
            let id: Int64 = r["id"] ?? 0
            let fields = ProjectChain.content(id: id, projectID: r["project_id"] ?? "", date: r["event_date"] ?? "", stage: r["stage"] ?? "",
                                              kind: r["kind"] ?? "", sites: r["sites"], recordedBy: r["recorded_by"] ?? "",
                                              note: r["note"], corrects: r["corrects"], recordedAt: r["recorded_at"] ?? "", changes: r["changes"])
            let stored: String = r["hash"] ?? ""
            if stored != ProjectChain.hash(fields, previous: previous) {
                found.append("project event #\(id) (project \(r["project_id"] as String? ?? "?")) does not match its hash: it, or the project history before it, was changed outside landbank")
            }
            previous = stored
        }
        return found
    }

    func putProject(_ p: Project) throws {
        let a = p.agreement
        try c.query("""
            INSERT INTO projects (project_id, name, investor, industry, team, zone, demand, cause, investment_fen, output_fen,
              tax_fen, jobs, floor_space_m2, tenants, sign_by, land_by, start_by, production_by, figures_by,
              strategic_emerging, investor_class)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            ON CONFLICT (project_id) DO UPDATE SET name = EXCLUDED.name, investor = EXCLUDED.investor,
              industry = EXCLUDED.industry, team = EXCLUDED.team, zone = EXCLUDED.zone, demand = EXCLUDED.demand,
              cause = EXCLUDED.cause, investment_fen = EXCLUDED.investment_fen, output_fen = EXCLUDED.output_fen,
              tax_fen = EXCLUDED.tax_fen, jobs = EXCLUDED.jobs, floor_space_m2 = EXCLUDED.floor_space_m2,
              tenants = EXCLUDED.tenants, sign_by = EXCLUDED.sign_by, land_by = EXCLUDED.land_by,
              start_by = EXCLUDED.start_by, production_by = EXCLUDED.production_by, figures_by = EXCLUDED.figures_by,
              strategic_emerging = EXCLUDED.strategic_emerging, investor_class = EXCLUDED.investor_class
            """, [p.id, p.name, p.investor, p.industry, p.team, p.zone, p.demandJSON, p.cause?.rawValue,
                  a.investment?.fen, a.annualOutput?.fen, a.annualTax?.fen, a.jobs, a.floorSpaceM2, a.tenants,
                  a.signBy?.description, a.landBy?.description, a.startBy?.description,
                  a.productionBy?.description, a.figuresBy?.description, p.strategicEmerging.map { $0 ? 1 : 0 },
                  p.investorClass?.rawValue])
    }

    func appendProjectEvent(_ e: NewProjectEvent) throws -> ProjectEvent {
        let last = try c.query("SELECT id, hash FROM project_events ORDER BY id DESC LIMIT 1").first
        let id: Int64 = (last?["id"] ?? 0) + 1
        let previous: String = last?["hash"] ?? HistoryChain.genesis
        let recordedAt = HistoryChain.now()
        let sites = e.sites.isEmpty ? nil : ProjectChain.sitesJSON(e.sites)
        let changes = e.changes.isEmpty ? nil : ProjectChain.changesJSON(e.changes)
        let fields = ProjectChain.content(id: id, projectID: e.projectID, date: e.date.description, stage: e.stage.rawValue,
                                          kind: e.kind.rawValue, sites: sites, recordedBy: e.recordedBy, note: e.note,
                                          corrects: e.corrects, recordedAt: recordedAt, changes: changes)
        try c.query("""
            INSERT INTO project_events (\(ProjectChain.columns), hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, [id, e.projectID, e.date.description, e.stage.rawValue, e.kind.rawValue, sites, e.recordedBy,
                  e.note, e.corrects, recordedAt, changes, ProjectChain.hash(fields, previous: previous)])
        guard let added = try projectEvent(id: id) else {
            preconditionFailure("project event #\(id) vanished inside its own transaction")
        }
        return added
    }

    func setProjectStage(_ projectID: String, _ stage: ProjectStage?) throws {
        try c.query("UPDATE projects SET stage = $1 WHERE project_id = $2", [stage?.rawValue, projectID])
    }

    func putProjectActual(_ a: ProjectActual) throws {
        try c.query("""
            INSERT INTO project_actuals (project_id, year, investment_fen, output_fen, tax_fen, jobs, tenants, floor_space_m2)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (project_id, year) DO UPDATE SET investment_fen = EXCLUDED.investment_fen,
              output_fen = EXCLUDED.output_fen, tax_fen = EXCLUDED.tax_fen, jobs = EXCLUDED.jobs,
              tenants = EXCLUDED.tenants, floor_space_m2 = EXCLUDED.floor_space_m2
            """, [a.projectID, a.year, a.investment?.fen, a.output?.fen, a.tax?.fen, a.jobs, a.tenants, a.floorSpaceM2])
    }

    func addProjectIncentive(_ i: ProjectIncentive) throws -> Bool {
        try c.query("""
            INSERT INTO project_incentives (project_id, kind, amount_fen, paid_date, basis) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING
            """, [i.projectID, i.kind.rawValue, i.amount.fen, i.date.description, i.basis]).affected > 0
    }

    private func money(_ fen: Int64?) -> Money? { fen.map(Money.init(fen:)) }

    static func project(_ r: PGRow) -> Project {
        func date(_ c: String) -> CivilDate? { GeoPackageAccess.date(r[c]) }
        func money(_ c: String) -> Money? { (r[c] as Int64?).map(Money.init(fen:)) }
        let a = ProjectAgreement(investment: money("investment_fen"), annualOutput: money("output_fen"),
                                 annualTax: money("tax_fen"), jobs: r["jobs"], floorSpaceM2: r["floor_space_m2"],
                                 tenants: r["tenants"], signBy: date("sign_by"), landBy: date("land_by"),
                                 startBy: date("start_by"), productionBy: date("production_by"), figuresBy: date("figures_by"))
        return Project(id: r["project_id"] ?? "", name: r["name"] ?? "", investor: r["investor"], industry: r["industry"], team: r["team"],
                       zone: r["zone"], demandJSON: r["demand"], cause: (r["cause"] as String?).flatMap(ShortfallCause.init(rawValue:)),
                       agreement: a, stage: (r["stage"] as String?).flatMap(ProjectStage.init(rawValue:)),
                       strategicEmerging: (r["strategic_emerging"] as Int?).map { $0 == 1 },
                       investorClass: (r["investor_class"] as String?).flatMap(InvestorClass.init(rawValue:)))
    }
}

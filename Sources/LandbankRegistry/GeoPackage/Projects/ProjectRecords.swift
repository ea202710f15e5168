import Foundation
import GRDB
import LandbankLifecycle

/// Projects, their history, actuals and incentives as stored (migration 7).
extension GeoPackageAccess {
    static let projectColumns = """
        project_id, name, investor, industry, team, zone, demand, cause, stage, investment_fen, output_fen, tax_fen, jobs,
        floor_space_m2, tenants, sign_by, land_by, start_by, production_by, figures_by, strategic_emerging, investor_class
        """

    func projects(id: String?) throws -> [Project] {
        // Two statements, not `?1 IS NULL OR project_id = ?1`, which SQLite cannot answer from the index.
        guard let id else {
            return try Row.fetchAll(db, sql: "SELECT \(Self.projectColumns) FROM projects ORDER BY project_id").map(Self.project)
        }
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.projectColumns) FROM projects WHERE project_id = ?"),
                                arguments: [id]).map(Self.project)
    }

    func projectEvents(of projectID: String?) throws -> [ProjectEvent] {
        guard let projectID else {
            return try Row.fetchAll(db, sql: "SELECT \(ProjectChain.columns) FROM project_events ORDER BY project_id, event_date, id")
                .map(Self.projectEvent)
        }
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(ProjectChain.columns) FROM project_events WHERE project_id = ? ORDER BY event_date, id
            """), arguments: [projectID]).map(Self.projectEvent)
    }

    func lastStageEvent(of projectID: String) throws -> ProjectEvent? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(ProjectChain.columns) FROM project_events WHERE project_id = ? AND kind NOT IN (\(Self.notForStage))
            ORDER BY event_date DESC, id DESC LIMIT 1
            """), arguments: [projectID]).map(Self.projectEvent)
    }

    func lastProjectEventID(of projectID: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM project_events WHERE project_id = ?"), arguments: [projectID])
    }

    func projectEvent(id: Int64) throws -> ProjectEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ProjectChain.columns) FROM project_events WHERE id = ?"),
                         arguments: [id]).map(Self.projectEvent)
    }

    /// The event kinds a stage is not derived from, as an SQL list.
    static let notForStage = ProjectEvent.Kind.allCases.filter { !$0.countsForStage }.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// One row of `project_events` (the columns of `ProjectChain.columns`).
    /// Read by position (GRDB's lookup by name was half the cost of reading a long project history).
    static func projectEvent(_ r: Row) -> ProjectEvent {
        ProjectEvent(id: r[0], projectID: r[1], date: Self.date(r[2]) ?? CivilDate(daysSince1970: 0),
                     stage: ProjectStage(rawValue: r[3] ?? "") ?? .lead,
                     kind: ProjectEvent.Kind(rawValue: r[4] ?? "") ?? .stage, sites: Self.sites(r[5]),
                     recordedBy: r[6], note: r[7], corrects: r[8], recordedAt: r[9], changes: ProjectChain.changes(r[10]))
    }

    func projectActuals(of projectID: String?) throws -> [ProjectActual] {
        try db.fetchAllCached(sql: """
            SELECT project_id, year, investment_fen, output_fen, tax_fen, jobs, tenants, floor_space_m2 FROM project_actuals
            WHERE ?1 IS NULL OR project_id = ?1 ORDER BY project_id, year
            """, arguments: [projectID]).map { r in
            ProjectActual(projectID: r["project_id"], year: r["year"], investment: Self.money(r["investment_fen"]),
                          output: Self.money(r["output_fen"]), tax: Self.money(r["tax_fen"]), jobs: r["jobs"],
                          tenants: r["tenants"], floorSpaceM2: r["floor_space_m2"])
        }
    }

    func projectIncentives(of projectID: String?) throws -> [ProjectIncentive] {
        try db.fetchAllCached(sql: """
            SELECT project_id, kind, amount_fen, paid_date, basis FROM project_incentives
            WHERE ?1 IS NULL OR project_id = ?1 ORDER BY project_id, paid_date, id
            """, arguments: [projectID]).map { r in
            ProjectIncentive(projectID: r["project_id"], kind: ProjectIncentive.Kind(rawValue: r["kind"] ?? "") ?? .promised,
                             amount: Money(fen: r["amount_fen"]), date: Self.date(r["paid_date"]) ?? CivilDate(daysSince1970: 0),
                             basis: r["basis"])
        }
    }

    func projectChainProblems() throws -> [String] {
        try ProjectChain.problems(in: db)
    }

    // MARK: writes

    func putProject(_ p: Project) throws {
        let a = p.agreement
        try db.execute(sql: """
            INSERT INTO projects (project_id, name, investor, industry, team, zone, demand, cause, investment_fen, output_fen,
              tax_fen, jobs, floor_space_m2, tenants, sign_by, land_by, start_by, production_by, figures_by,
              strategic_emerging, investor_class)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(project_id) DO UPDATE SET name = excluded.name, investor = excluded.investor,
              industry = excluded.industry, team = excluded.team, zone = excluded.zone, demand = excluded.demand,
              cause = excluded.cause, investment_fen = excluded.investment_fen, output_fen = excluded.output_fen,
              tax_fen = excluded.tax_fen, jobs = excluded.jobs, floor_space_m2 = excluded.floor_space_m2,
              tenants = excluded.tenants, sign_by = excluded.sign_by, land_by = excluded.land_by,
              start_by = excluded.start_by, production_by = excluded.production_by, figures_by = excluded.figures_by,
              strategic_emerging = excluded.strategic_emerging, investor_class = excluded.investor_class
            """, arguments: [p.id, p.name, p.investor, p.industry, p.team, p.zone, p.demandJSON, p.cause?.rawValue,
                             a.investment?.fen, a.annualOutput?.fen, a.annualTax?.fen, a.jobs, a.floorSpaceM2, a.tenants,
                             a.signBy?.description, a.landBy?.description, a.startBy?.description,
                             a.productionBy?.description, a.figuresBy?.description, p.strategicEmerging,
                             p.investorClass?.rawValue])
    }

    func appendProjectEvent(_ e: NewProjectEvent) throws -> ProjectEvent {
        let id = try ProjectChain.append(e, recordedAt: HistoryChain.now(), in: db)
        guard let added = try projectEvent(id: id) else {
            // Inserted just above in this transaction: not finding it is a bug of ours.
            preconditionFailure("project event #\(id) vanished inside its own transaction")
        }
        return added
    }

    func setProjectStage(_ projectID: String, _ stage: ProjectStage?) throws {
        try db.executeCached(sql: "UPDATE projects SET stage = ? WHERE project_id = ?", arguments: [stage?.rawValue, projectID])
    }

    func putProjectActual(_ a: ProjectActual) throws {
        try db.execute(sql: """
            INSERT INTO project_actuals (project_id, year, investment_fen, output_fen, tax_fen, jobs, tenants, floor_space_m2)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(project_id, year) DO UPDATE SET investment_fen = excluded.investment_fen,
              output_fen = excluded.output_fen, tax_fen = excluded.tax_fen, jobs = excluded.jobs,
              tenants = excluded.tenants, floor_space_m2 = excluded.floor_space_m2
            """, arguments: [a.projectID, a.year, a.investment?.fen, a.output?.fen, a.tax?.fen, a.jobs, a.tenants, a.floorSpaceM2])
    }

    func addProjectIncentive(_ i: ProjectIncentive) throws -> Bool {
        try db.execute(sql: """
            INSERT OR IGNORE INTO project_incentives (project_id, kind, amount_fen, paid_date, basis) VALUES (?, ?, ?, ?, ?)
            """, arguments: [i.projectID, i.kind.rawValue, i.amount.fen, i.date.description, i.basis])
        return db.changesCount > 0
    }

    func setVacantFloorArea(buildingID: String, _ m2: Double?) throws {
        try db.execute(sql: "UPDATE buildings SET vacant_floor_area_m2 = ? WHERE building_id = ?", arguments: [m2, buildingID])
    }

    // MARK: decoding

    static func project(_ r: Row) -> Project {
        let a = ProjectAgreement(investment: money(r["investment_fen"]), annualOutput: money(r["output_fen"]),
                                 annualTax: money(r["tax_fen"]), jobs: r["jobs"], floorSpaceM2: r["floor_space_m2"],
                                 tenants: r["tenants"], signBy: date(r["sign_by"]), landBy: date(r["land_by"]),
                                 startBy: date(r["start_by"]), productionBy: date(r["production_by"]),
                                 figuresBy: date(r["figures_by"]))
        return Project(id: r["project_id"], name: r["name"], investor: r["investor"], industry: r["industry"], team: r["team"],
                       zone: r["zone"], demandJSON: r["demand"], cause: (r["cause"] as String?).flatMap(ShortfallCause.init(rawValue:)),
                       agreement: a, stage: (r["stage"] as String?).flatMap(ProjectStage.init(rawValue:)),
                       strategicEmerging: r["strategic_emerging"],
                       investorClass: (r["investor_class"] as String?).flatMap(InvestorClass.init(rawValue:)))
    }

    static func sites(_ json: String?) -> [String] {
        guard let json, let a = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else { return [] }
        return a
    }

    static func money(_ fen: Int64?) -> Money? { fen.map(Money.init(fen:)) }

    static func date(_ text: String?) -> CivilDate? { text.flatMap(CivilDate.init) }
}

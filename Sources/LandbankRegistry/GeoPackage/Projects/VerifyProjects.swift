import GRDB

extension GeoPackageStore {
    /// The triggers of migration 7 that keep the project history append-only.
    static let projectTriggers = ["project_events_no_update", "project_events_no_delete", "project_events_no_replace"]

    /// `verify`'s checks of the projects (to be called beside `verifyHistory`): the project history's hash chain,
    /// the triggers that protect it, and each project's cached stage against its history's last event.
    static func verifyProjects(_ db: Database, _ report: inout VerifyReport, limit: Int) throws {
        var chain = try ProjectChain.problems(in: db)
        for t in projectTriggers
        where try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [t]) == nil {
            chain.append("trigger \(t) is missing (dropped outside landbank?)")
        }
        report.add("project history hash chain intact and protected", chain, limit: limit)
        let stale = try Row.fetchAll(db, sql: """
            SELECT p.project_id, p.stage, (SELECT e.stage FROM project_events e WHERE e.project_id = p.project_id
              AND e.kind <> 'amendment' AND e.kind <> 'incentive' ORDER BY e.event_date DESC, e.id DESC LIMIT 1) AS derived
            FROM projects p WHERE p.stage IS NOT derived
            """).map { r in
            "project \(r["project_id"] as String? ?? "?"): stage \(r["stage"] as String? ?? "none"), its history says \(r["derived"] as String? ?? "none")"
        }
        report.add("project stages follow their history", stale, limit: limit)
    }
}

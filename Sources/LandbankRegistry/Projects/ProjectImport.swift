import Foundation
import LandbankLifecycle

/// What a project import did. Importing the same file again adds, changes and records nothing.
public struct ProjectImportSummary: Equatable, Sendable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// Stage changes appended to the projects' histories.
    public var events = 0
}

extension Registry {
    /// The columns (CSV) or keys (JSON) a project file may hold.
    public static let projectColumns = [
        "project_id", "name", "investor", "industry", "team", "zone", "demand", "cause", "investment_yuan",
        "output_yuan", "tax_yuan", "jobs", "floor_space_m2", "tenants", "sign_by", "land_by", "start_by",
        "production_by", "figures_by", "stage", "stage_date", "history", "recorded_by", "note", "strategic_emerging",
        "investor_class",
    ]

    /// Imports the projects of a CSV or JSON file in one transaction: all rows or none; a bad row is named with
    /// its reason. A row adds a project or restates it: a record that differs is changed through an amendment
    /// event (`amendProject`: old and new values, who — `recorded_by` —, why — `note`, else "restated by the
    /// import of FILE" —, dated `today`), never overwritten silently; its stages — the
    /// `history` column, "lead=2019-03-01;signed=2019-06-30", or `stage` and `stage_date` — are appended where
    /// the history does not already hold them (same stage, same date), each checked by `ProjectTransitions`.
    /// `checkDemand` validates a demand's JSON (the matcher's format, which the registry does not know).
    @discardableResult
    public func importProjects(path file: String, recordedBy: String, today: CivilDate = .today(),
                               checkDemand: ((String) throws -> Void)? = nil) throws -> ProjectImportSummary {
        let rows = try ProjectRows.read(path: file, required: ["project_id", "name"])
        var parsed: [(row: ProjectRow, project: Project, steps: [(ProjectStage, CivilDate)])] = []
        var seen: [String: String] = [:]
        for row in rows {
            let p = try Self.project(row)
            if let first = seen[p.id] { throw row.fail("repeats project \(p.id) of \(first)") }
            seen[p.id] = row.position
            do { try Self.checkRecord(p, path: path) } catch { throw row.fail("\(error)") }
            if let d = p.demandJSON, let checkDemand {
                do { try checkDemand(d) } catch { throw row.fail("column \"demand\": \(error)") }
            }
            parsed.append((row, p, try Self.steps(row, today: today)))
        }
        let name = (file as NSString).lastPathComponent
        return try store.write { w in
            var s = ProjectImportSummary()
            for (row, p, steps) in parsed {
                let before = try w.projects(id: p.id).first
                if before == nil { s.added += 1; try w.putProject(p) }
                var past = try w.projectEvents(of: p.id).filter(\.kind.countsForStage)
                // A stage already in the history on that date, or the stage the project is at, is not repeated.
                for (stage, date) in steps where !past.contains(where: { $0.stage == stage && $0.date == date }) && past.last?.stage != stage {
                    let e = NewProjectEvent(projectID: p.id, date: date, stage: stage, recordedBy: row.text("recorded_by") ?? recordedBy,
                                            note: row.text("note"))
                    do { past.append(try Self.appendStage(e, in: w)) } catch let x as ProjectError { throw row.fail(x.message) }
                    s.events += 1
                }
                guard let before else { continue }
                let now = try w.projects(id: p.id)[0]
                do {
                    let e = try Self.amend(before.with(stage: now.stage), to: p, on: today, by: row.text("recorded_by") ?? recordedBy,
                                           why: row.text("note") ?? "restated by the import of \(name)", in: w)
                    if e == nil { s.unchanged += 1 } else { s.updated += 1 }
                } catch let x as ProjectError { throw row.fail(x.message) }
            }
            return s
        }
    }

    static func project(_ row: ProjectRow) throws -> Project {
        let a = ProjectAgreement(
            investment: try row.money("investment_yuan"), annualOutput: try row.money("output_yuan"),
            annualTax: try row.money("tax_yuan"), jobs: try row.count("jobs"), floorSpaceM2: try row.area("floor_space_m2"),
            tenants: try row.count("tenants"), signBy: try row.date("sign_by"), landBy: try row.date("land_by"),
            startBy: try row.date("start_by"), productionBy: try row.date("production_by"), figuresBy: try row.date("figures_by"))
        return Project(id: try row.required("project_id"), name: try row.required("name"), investor: row.text("investor"),
                       industry: row.text("industry"), team: row.text("team"), zone: row.text("zone"),
                       demandJSON: row.text("demand"), cause: try row.parse("cause", ShortfallCause.init(rawValue:)), agreement: a,
                       strategicEmerging: try row.flag("strategic_emerging"),
                       investorClass: try row.parse("investor_class", InvestorClass.init(text:)))
    }

    /// The stages a row states, in order: its `history`, else its `stage` on `stage_date` (today when empty).
    static func steps(_ row: ProjectRow, today: CivilDate) throws -> [(ProjectStage, CivilDate)] {
        func stage(_ t: String) throws -> ProjectStage {
            guard let s = ProjectStage(text: t) else {
                throw row.fail("unknown stage \"\(t)\"; use one of: " + ProjectStage.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return s
        }
        if let h = row.text("history") {
            return try h.split(separator: ";").map { item in
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let d = CivilDate(parts[1]) else {
                    throw row.fail("column \"history\": \"\(item)\" is not stage=YYYY-MM-DD")
                }
                return (try stage(parts[0]), d)
            }
        }
        guard let t = row.text("stage") else { return [] }
        return [(try stage(t), try row.date("stage_date") ?? today)]
    }
}

import Foundation
import LandbankLifecycle

/// What an actuals or incentives import did; the same file again adds and changes nothing.
public struct ProjectFiguresSummary: Equatable, Sendable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
}

extension Registry {
    /// Imports yearly actuals from CSV (`project_id`, `year`, `investment_yuan`, `output_yuan`, `tax_yuan`,
    /// `jobs`, `tenants`, `floor_space_m2`) in one transaction: a row replaces that project's figures for that
    /// year. A bad row (unknown project, a year twice, an amount that does not parse) writes nothing.
    @discardableResult
    public func importProjectActuals(path file: String) throws -> ProjectFiguresSummary {
        let rows = try ProjectRows.read(path: file, required: ["project_id", "year"])
        var seen: [String: String] = [:]
        let actuals: [(ProjectRow, ProjectActual)] = try rows.map { row in
            let id = try row.required("project_id")
            guard let year = try row.count("year"), (1...9999).contains(year) else { throw row.fail("column \"year\" is empty or not a year") }
            if let first = seen["\(id)/\(year)"] { throw row.fail("repeats the year \(year) of project \(id) (\(first))") }
            seen["\(id)/\(year)"] = row.position
            return (row, ProjectActual(projectID: id, year: year, investment: try row.money("investment_yuan"),
                                       output: try row.money("output_yuan"), tax: try row.money("tax_yuan"), jobs: try row.count("jobs"),
                                       tenants: try row.count("tenants"), floorSpaceM2: try row.area("floor_space_m2")))
        }
        return try store.write { w in
            var s = ProjectFiguresSummary()
            var stored: [String: [ProjectActual]] = [:]
            for (row, a) in actuals {
                if stored[a.projectID] == nil {
                    guard try !w.projects(id: a.projectID).isEmpty else { throw row.fail("no project \(a.projectID) in the registry") }
                    stored[a.projectID] = try w.projectActuals(of: a.projectID)
                }
                let before = stored[a.projectID]?.first { $0.year == a.year }
                if before == a { s.unchanged += 1; continue }
                if before == nil { s.added += 1 } else { s.updated += 1 }
                try w.putProjectActual(a)
            }
            return s
        }
    }

    /// Imports incentives from CSV (`project_id`, `kind` promised or paid, `amount_yuan`, `date`, `basis`, and
    /// optionally `recorded_by`) in one transaction. An incentive is kept once: the same project, kind, date,
    /// amount and basis again is the same incentive, so re-importing a file adds nothing. Incentives are never
    /// edited: a promise reduced, or a payment entered by mistake, is a further row with a negative amount (a
    /// total may not go below zero). Each incentive added is also an `incentive` event in the project's
    /// hash-chained history, dated the incentive's date, with the promised or paid total before and after it,
    /// who recorded it and its basis as the reason.
    @discardableResult
    public func importProjectIncentives(path file: String, recordedBy: String) throws -> ProjectFiguresSummary {
        let rows = try ProjectRows.read(path: file, required: ["project_id", "kind", "amount_yuan", "date", "basis"])
        let items: [(ProjectRow, ProjectIncentive)] = try rows.map { row in
            guard let kind = try row.parse("kind", ProjectIncentive.Kind.init(rawValue:)) else { throw row.fail("column \"kind\" is empty") }
            guard let amount = try row.signedMoney("amount_yuan") else { throw row.fail("column \"amount_yuan\" is empty") }
            guard amount != .zero else { throw row.fail("column \"amount_yuan\": an incentive of 0 yuan records nothing") }
            guard let date = try row.date("date") else { throw row.fail("column \"date\" is empty") }
            return (row, ProjectIncentive(projectID: try row.required("project_id"), kind: kind, amount: amount, date: date,
                                          basis: try row.required("basis")))
        }
        return try store.write { w in
            var s = ProjectFiguresSummary()
            var totals: [String: [ProjectIncentive.Kind: Money]] = [:]
            for (row, i) in items {
                if totals[i.projectID] == nil {
                    guard try !w.projects(id: i.projectID).isEmpty else { throw row.fail("no project \(i.projectID) in the registry") }
                    let held = try w.projectIncentives(of: i.projectID)
                    totals[i.projectID] = Dictionary(grouping: held, by: \.kind).mapValues { $0.map(\.amount).reduce(.zero, +) }
                }
                do {
                    if try Self.addIncentive(i, total: totals[i.projectID]?[i.kind] ?? .zero, by: row.text("recorded_by") ?? recordedBy, in: w) {
                        totals[i.projectID, default: [:]][i.kind, default: .zero] += i.amount
                        s.added += 1
                    } else { s.unchanged += 1 }
                } catch let x as ProjectError { throw row.fail(x.message) }
            }
            return s
        }
    }

    /// Adds one incentive and its history event inside the caller's transaction; false when the same incentive
    /// is already there (nothing written). `total` is the project's promised or paid total before it.
    static func addIncentive(_ i: ProjectIncentive, total: Money, by recordedBy: String, in w: any StoreWriter) throws -> Bool {
        let after = total + i.amount
        guard after >= .zero else {
            throw ProjectError(i.projectID, "\(ChineseAmount.text(i.amount)) would take the \(i.kind.rawValue) incentives below zero (\(ChineseAmount.text(total)) recorded)", .invalidInput)
        }
        guard try w.addProjectIncentive(i) else { return false }
        guard let stage = try w.projects(id: i.projectID).first?.stage else {
            throw ProjectError(i.projectID, "has no history yet to record the incentive in: record its stage first")
        }
        var e = NewProjectEvent(projectID: i.projectID, date: i.date, stage: stage, recordedBy: recordedBy, note: i.basis)
        e.kind = .incentive
        e.changes = [ProjectChange(field: "incentives_\(i.kind.rawValue)_yuan", old: total.yuanText, new: after.yuanText)]
        _ = try w.appendProjectEvent(e)
        return true
    }

    /// A project's actuals by year and its incentives by date.
    public func projectFigures(id: String) throws -> (actuals: [ProjectActual], incentives: [ProjectIncentive]) {
        try store.read { r in (try r.projectActuals(of: id), try r.projectIncentives(of: id)) }
    }
}

import Foundation
import LandbankLifecycle

/// A plan of targets (招商引资目标任务) to measure the pipeline against: per team and year, projects to sign and
/// capital to contract (seed 003's eight teams); and, per year, seed 002's structure — a number of projects of a
/// size ("100" projects of 100亿元 and more, "50·20" projects of 20亿元 up to 100亿元) and shares of the projects
/// signed (leading-industry projects above 70%, strategic emerging above 60%, Fortune-500-class investors 30%
/// or more).
///
/// The file (CSV, or JSON: an array of objects, or an object whose `targets` holds them) has one target per
/// row: `target`, `year` (empty: every year), `team` (empty: the whole zone), `value`, and for `projects`
/// `min_investment`, `below_investment` and `name`, for shares `compare`. README, "Plan targets".
public struct ProjectPlan: Sendable, Codable, Equatable {
    /// The file's name.
    public var source: String
    public var teamTargets: [TeamTarget] = []
    public var sizeTargets: [SizeTarget] = []
    public var shareTargets: [ShareTarget] = []
    /// Industries that count as the zone's leading industries (主导产业).
    public var leadingIndustries: [String] = []
    /// Industries whose projects are not industrial (工业项目): left out of the leading and strategic shares.
    public var nonIndustrialIndustries: [String] = []
}

/// Projects to sign and capital to contract in a year, by a team or (team nil) by the whole zone.
public struct TeamTarget: Sendable, Codable, Equatable {
    public var year: Int
    public var team: String?
    public var signed: Int?
    public var investment: Money?
}

/// At least `count` projects a year whose promised investment is at least `min` (and below `below`).
public struct SizeTarget: Sendable, Codable, Equatable {
    /// nil: every year of the period.
    public var year: Int?
    /// "100", "50·20".
    public var name: String
    public var min: Money
    public var below: Money?
    public var count: Int
}

/// A share of the projects signed in a year.
public struct ShareTarget: Sendable, Codable, Equatable {
    public var year: Int?
    public var share: PlanShare
    /// Whole percent.
    public var percent: Int
    /// "高于70%" is above (strictly); "达到30%以上" is at least.
    public var above: Bool
}

public enum PlanShare: String, CaseIterable, Sendable, Codable {
    /// 主导工业项目占比 — projects of the plan's leading industries, of the industrial projects.
    case leadingIndustry = "leading_share"
    /// 战新项目占工业项目数的比重 — strategic emerging projects, of the industrial projects.
    case strategicEmerging = "strategic_emerging_share"
    /// 500强…投资的项目占比 — projects whose investor has an `InvestorClass`, of all projects.
    case fortune500 = "fortune500_share"

    public var label: String {
        switch self {
        case .leadingIndustry: "leading-industry projects (主导工业项目) of industrial projects"
        case .strategicEmerging: "strategic emerging projects (战新项目) of industrial projects"
        case .fortune500: "projects of Fortune-500-class investors (500强、跨国公司、上市公司、龙头企业) of all projects"
        }
    }
}

extension ProjectPlan {
    /// The target names a plan file may use.
    public static let targets = ["signed", "investment", "projects", "leading_share", "strategic_emerging_share",
                                 "fortune500_share", "leading_industry", "non_industrial_industry"]

    /// Reads a plan file: all rows or an error naming the row and the reason.
    public static func read(path: String) throws -> ProjectPlan {
        let rows = try ProjectRows.read(path: path, required: ["target"], listKey: "targets")
        var plan = ProjectPlan(source: (path as NSString).lastPathComponent)
        var seen: [String: String] = [:]
        for row in rows {
            let target = try row.required("target").lowercased()
            let year = try row.count("year")
            if let year, !(1...9999).contains(year) { throw row.fail("column \"year\": \(year) is not a year") }
            let team = row.text("team")
            let key = [target, year.map(String.init) ?? "*", team ?? "*", row.text("name") ?? "", row.text("value") ?? ""]
                .joined(separator: "|")
            let identity = ["leading_industry", "non_industrial_industry"].contains(target) ? key
                : [target, year.map(String.init) ?? "*", team ?? "*", row.text("name") ?? ""].joined(separator: "|")
            if let first = seen[identity] { throw row.fail("repeats the \(target) target of \(first)") }
            seen[identity] = row.position
            func needYear() throws -> Int {
                guard let year else { throw row.fail("a \(target) target needs a year") }
                return year
            }
            func noTeam() throws {
                if team != nil { throw row.fail("a \(target) target is the zone's: leave \"team\" empty") }
            }
            switch target {
            case "signed":
                guard let n = try row.count("value") else { throw row.fail("column \"value\": the number of projects to sign is empty") }
                plan.teamTargets.append(TeamTarget(year: try needYear(), team: team, signed: n))
            case "investment":
                plan.teamTargets.append(TeamTarget(year: try needYear(), team: team, investment: try amount(row, "value", required: true)))
            case "projects":
                try noTeam()
                guard let n = try row.count("value") else { throw row.fail("column \"value\": the number of projects is empty") }
                let min = try amount(row, "min_investment", required: true)!
                let below = try amount(row, "below_investment", required: false)
                if let below, below <= min { throw row.fail("column \"below_investment\" must be above \"min_investment\"") }
                plan.sizeTargets.append(SizeTarget(year: year, name: row.text("name") ?? "≥ \(ChineseAmount.text(min))", min: min, below: below, count: n))
            case "leading_share", "strategic_emerging_share", "fortune500_share":
                try noTeam()
                plan.shareTargets.append(ShareTarget(year: year, share: PlanShare(rawValue: target)!, percent: try percent(row),
                                                     above: try compare(row)))
            case "leading_industry":
                plan.leadingIndustries.append(try row.required("value"))
            case "non_industrial_industry":
                plan.nonIndustrialIndustries.append(try row.required("value"))
            default:
                throw row.fail("unknown target \"\(target)\"; use one of: " + targets.joined(separator: ", "))
            }
        }
        if plan.shareTargets.contains(where: { $0.share == .leadingIndustry }) && plan.leadingIndustries.isEmpty {
            throw ImportError(file: plan.source, reason: .badAttribute("a leading_share target needs the leading industries (leading_industry rows)"))
        }
        // A team's signed and investment targets of one year are one row of the report.
        var merged: [TeamTarget] = []
        for t in plan.teamTargets {
            if let i = merged.firstIndex(where: { $0.year == t.year && $0.team == t.team }) {
                merged[i].signed = merged[i].signed ?? t.signed
                merged[i].investment = merged[i].investment ?? t.investment
            } else { merged.append(t) }
        }
        plan.teamTargets = merged
        return plan
    }

    static func amount(_ row: ProjectRow, _ c: String, required: Bool) throws -> Money? {
        guard let v = row.text(c) else {
            if required { throw row.fail("column \"\(c)\" is empty") }
            return nil
        }
        guard let m = ChineseAmount.parse(v) else {
            throw row.fail("column \"\(c)\": \"\(v)\" is not an amount (383.6亿元, 6000万元, or yuan)")
        }
        return m
    }

    static func percent(_ row: ProjectRow) throws -> Int {
        let v = try row.required("value")
        let digits = v.hasSuffix("%") ? String(v.dropLast()) : v
        guard let p = Int(digits.trimmingCharacters(in: .whitespaces)), (0...100).contains(p) else {
            throw row.fail("column \"value\": \"\(v)\" is not a whole percent from 0 to 100 (70%)")
        }
        return p
    }

    static func compare(_ row: ProjectRow) throws -> Bool {
        switch row.text("compare")?.lowercased() {
        case nil, "at_least": return false
        case "above": return true
        case let other?: throw row.fail("column \"compare\": \"\(other)\" is neither above nor at_least")
        }
    }
}

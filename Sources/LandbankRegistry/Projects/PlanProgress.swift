import LandbankLifecycle

/// Progress against a plan (`ProjectPlan`) over a period, year by year: per team (and the zone) projects signed
/// and capital contracted against their targets, and seed 002's structure — projects of each size, and the
/// shares — each with a verdict (met or short) and why.
///
/// Counted: projects whose first signed (or later) stage falls in the year's part of the period, with their
/// promised investment (合同资金), as `project stats` counts them. The zone's target is its own row in the plan,
/// else the sum of its teams' targets. Percentages are actual ÷ target, in tenths rounded down (99.96% shows
/// 99.9%: never "100%" for a target missed).
public struct PlanProgress: Sendable, Codable {
    public var plan: String
    public var from: CivilDate
    public var to: CivilDate
    public var byTeam: Bool
    public var years: [PlanYear]
}

public struct PlanYear: Sendable, Codable {
    public var year: Int
    public var from: CivilDate
    public var to: CivilDate
    /// The period covers only part of the year: the year's targets may still be met.
    public var partial: Bool
    /// Per team, with --by team; empty otherwise.
    public var teams: [TargetProgress]
    public var zone: TargetProgress
    public var sizes: [SizeProgress]
    public var shares: [ShareProgress]
}

public struct TargetProgress: Sendable, Codable, Equatable {
    /// The team, or "all teams" for the zone.
    public var team: String
    public var signed: Int
    public var signedTarget: Int?
    public var investment: Money
    public var investmentTarget: Money?
    /// Actual ÷ target in tenths of a percent, rounded down; nil without a target (or a target of 0).
    public var signedPermille: Int?
    public var investmentPermille: Int?
    /// "plan" (its own row), "sum of the teams' targets", or nil when the plan sets none.
    public var targetSource: String?
}

public struct SizeProgress: Sendable, Codable, Equatable {
    public var name: String
    public var min: Money
    public var below: Money?
    public var target: Int
    public var actual: Int
    public var projects: [String]
    public var met: Bool
    public var why: String
}

public struct ShareProgress: Sendable, Codable, Equatable {
    public var share: PlanShare
    public var targetPercent: Int
    public var above: Bool
    public var count: Int
    public var of: Int
    /// count ÷ of in tenths of a percent, rounded down; nil when nothing was signed to measure.
    public var permille: Int?
    public var met: Bool
    public var why: String
}

enum PlanRules {
    static func progress(_ plan: ProjectPlan, projects: [Project], events: [String: [ProjectEvent]], from: CivilDate,
                         to: CivilDate, byTeam: Bool) -> PlanProgress {
        let signed: [(Project, CivilDate)] = projects.compactMap { p in
            LedgerRules.signedDate((events[p.id] ?? []).filter { $0.date <= to }).flatMap { $0 >= from ? (p, $0) : nil }
        }
        let years = (from.year...to.year).map { y -> PlanYear in
            let start = max(from, CivilDate(year: y, month: 1, day: 1)!), end = min(to, CivilDate(year: y, month: 12, day: 31)!)
            let inYear = signed.filter { $0.1 >= start && $0.1 <= end }.map(\.0)
            let targets = plan.teamTargets.filter { $0.year == y }
            let teams = Set(targets.compactMap(\.team) + inYear.map { $0.team ?? "—" }).sorted()
            let teamRows = byTeam ? teams.map { t in
                row(t, inYear.filter { ($0.team ?? "—") == t }, target: targets.first { $0.team == t }, source: "plan")
            } : []
            let own = targets.first { $0.team == nil }
            let teamOnly = targets.filter { $0.team != nil }
            let summed = TeamTarget(year: y, team: nil,
                                    signed: teamOnly.contains { $0.signed != nil } ? teamOnly.compactMap(\.signed).reduce(0, +) : nil,
                                    investment: teamOnly.contains { $0.investment != nil } ? teamOnly.compactMap(\.investment).reduce(.zero, +) : nil)
            var zone = row("all teams", inYear, target: own ?? summed, source: own != nil ? "plan" : "sum of the teams' targets")
            if own == nil && teamOnly.isEmpty { zone.targetSource = nil }
            return PlanYear(year: y, from: start, to: end,
                            partial: start != CivilDate(year: y, month: 1, day: 1)! || end != CivilDate(year: y, month: 12, day: 31)!,
                            teams: teamRows, zone: zone,
                            sizes: plan.sizeTargets.filter { $0.year == nil || $0.year == y }.map { size($0, inYear) },
                            shares: plan.shareTargets.filter { $0.year == nil || $0.year == y }.map { share($0, inYear, plan) })
        }
        return PlanProgress(plan: plan.source, from: from, to: to, byTeam: byTeam, years: years)
    }

    static func permille(_ actual: Int64, _ target: Int64?) -> Int? {
        guard let target, target > 0 else { return nil }
        return Int(actual * 1000 / target)
    }

    static func row(_ team: String, _ ps: [Project], target: TeamTarget?, source: String) -> TargetProgress {
        let investment = ps.compactMap(\.agreement.investment).reduce(.zero, +)
        return TargetProgress(team: team, signed: ps.count, signedTarget: target?.signed, investment: investment,
                              investmentTarget: target?.investment,
                              signedPermille: permille(Int64(ps.count), target?.signed.map(Int64.init)),
                              investmentPermille: permille(investment.fen, target?.investment?.fen),
                              targetSource: target?.signed != nil || target?.investment != nil ? source : nil)
    }

    static func size(_ t: SizeTarget, _ ps: [Project]) -> SizeProgress {
        let hits = ps.filter { p in
            guard let i = p.agreement.investment else { return false }
            return i >= t.min && (t.below.map { i < $0 } ?? true)
        }
        let range = "\(ChineseAmount.text(t.min)) or more" + (t.below.map { ", below \(ChineseAmount.text($0))" } ?? "")
        let met = hits.count >= t.count
        let named = hits.map { "\($0.id) \(ChineseAmount.text($0.agreement.investment!))" }.joined(separator: ", ")
        let why = hits.isEmpty ? "none signed at \(range)"
            : "\(hits.count) signed at \(range) (\(named))" + (met ? "" : "; \(t.count - hits.count) more needed")
        return SizeProgress(name: t.name, min: t.min, below: t.below, target: t.count, actual: hits.count,
                            projects: hits.map(\.id), met: met, why: why)
    }

    static func share(_ t: ShareTarget, _ ps: [Project], _ plan: ProjectPlan) -> ShareProgress {
        let industrial = ps.filter { p in !(p.industry.map(plan.nonIndustrialIndustries.contains) ?? false) }
        let base: [Project], hits: [Project]
        var note = ""
        switch t.share {
        case .leadingIndustry:
            base = industrial
            hits = base.filter { $0.industry.map(plan.leadingIndustries.contains) ?? false }
        case .strategicEmerging:
            base = industrial
            hits = base.filter { $0.strategicEmerging == true }
            let unjudged = base.filter { $0.strategicEmerging == nil }.count
            if unjudged > 0 { note = "; \(unjudged) not judged (counted as not strategic emerging)" }
        case .fortune500:
            base = ps
            hits = base.filter { $0.investorClass != nil }
        }
        let n = Int64(hits.count), of = Int64(base.count), p = Int64(t.percent)
        let met = of > 0 && (t.above ? n * 100 > p * of : n * 100 >= p * of)
        let wanted = "\(t.above ? "above" : "at least") \(t.percent)%"
        let pm = permille(n, of)
        let why = of == 0 ? "no \(t.share == .fortune500 ? "" : "industrial ")projects signed to measure; \(wanted) wanted"
            : "\(n) of \(of) = \(PlanText.percent(pm!)), \(wanted) wanted" + note
        return ShareProgress(share: t.share, targetPercent: t.percent, above: t.above, count: hits.count, of: base.count,
                             permille: pm, met: met, why: why)
    }
}

/// Percentages as the report writes them.
public enum PlanText {
    /// 1096 → "109.6%", 1120 → "112%".
    public static func percent(_ permille: Int) -> String {
        permille % 10 == 0 ? "\(permille / 10)%" : "\(permille / 10).\(permille % 10)%"
    }
}

extension Registry {
    /// Progress against `plan` over `from`…`to` (both days included), year by year, in one read snapshot.
    public func planProgress(_ plan: ProjectPlan, from: CivilDate, to: CivilDate, byTeam: Bool = false) throws -> PlanProgress {
        guard from <= to else { throw RegistryError(path: path, kind: .invalidArgument, "the period ends (\(to)) before it begins (\(from))") }
        return try store.read { r in
            PlanRules.progress(plan, projects: try r.projects(id: nil), events: Dictionary(grouping: try r.projectEvents(of: nil), by: \.projectID),
                               from: from, to: to, byTeam: byTeam)
        }
    }
}

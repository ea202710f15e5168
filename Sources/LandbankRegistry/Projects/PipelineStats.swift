import LandbankLifecycle

/// Pipeline figures as the seeds publish them (seed 001: "一季度签约项目17个，合同资金达65.1亿元"; seed 003:
/// "发掘项目线索135条，涉及投资645.5亿元 … 在谈项目76个 … 签约项目56个、签约金额383.6亿元").
///
/// - leads: projects whose history begins in the period (the lead found), with their investment;
/// - in negotiation: projects at negotiating, evaluating or decided on the period's last day;
/// - signed: projects whose first signed (or later) stage falls in the period, with the investment promised
///   (合同资金, contracted capital);
/// - conversion, over the projects found in the period: of those that reached a stage, how many went further
///   (skipped steps count as passed), and the median days between entering a stage and the next change.
public struct PipelineStats: Sendable, Codable {
    public var from: CivilDate
    public var to: CivilDate
    /// "team" or "industry" when grouped.
    public var groupedBy: String?
    public var total: PipelineRow
    public var groups: [PipelineRow]
    public var conversion: [StageConversion]
}

public struct PipelineRow: Sendable, Codable, Equatable {
    public var key: String
    public var leads = 0
    public var leadInvestment = Money.zero
    public var inNegotiation = 0
    public var negotiationInvestment = Money.zero
    public var signed = 0
    public var signedInvestment = Money.zero
}

public struct StageConversion: Sendable, Codable, Equatable {
    public var stage: ProjectStage
    public var reached: Int
    /// Of those, how many reached a later stage of the pipeline.
    public var wentOn: Int
    /// Median days from entering the stage to the next stage change, over the projects that moved on.
    public var medianDays: Double?
}

public enum PipelineGrouping: String, CaseIterable, Sendable {
    case team
    case industry
}

enum PipelineRules {
    static let negotiating: Set<ProjectStage> = [.negotiating, .evaluating, .decided]

    static func stats(_ projects: [Project], events: [String: [ProjectEvent]], from: CivilDate, to: CivilDate,
                      by grouping: PipelineGrouping?) -> PipelineStats {
        var total = PipelineRow(key: "all")
        var groups: [String: PipelineRow] = [:]
        var cohort: [[ProjectEvent]] = []
        for p in projects {
            let known = (events[p.id] ?? []).filter { $0.date <= to && $0.kind.countsForStage }
            guard let first = known.first else { continue }
            let key = grouping.map { g in (g == .team ? p.team : p.industry) ?? "—" }
            let investment = p.agreement.investment ?? .zero
            func add(_ f: (inout PipelineRow) -> Void) {
                f(&total)
                if let key { f(&groups[key, default: PipelineRow(key: key)]) }
            }
            if first.date >= from {
                add { $0.leads += 1; $0.leadInvestment += investment }
                cohort.append(known)
            }
            if let stage = known.last?.stage, negotiating.contains(stage) {
                add { $0.inNegotiation += 1; $0.negotiationInvestment += investment }
            }
            if let signed = LedgerRules.signedDate(known), signed >= from {
                add { $0.signed += 1; $0.signedInvestment += investment }
            }
        }
        return PipelineStats(from: from, to: to, groupedBy: grouping?.rawValue, total: total,
                             groups: groups.values.sorted { $0.key < $1.key }, conversion: conversion(cohort))
    }

    /// The furthest pipeline step a history reached (met the agreement counts as producing; the other ends prove
    /// no step of their own). A correction takes back the steps recorded before it beyond the stage it restates.
    static func furthest(_ history: [ProjectEvent]) -> Int {
        var steps: [Int] = []
        for e in history where e.kind.isStageChange {
            let v = e.stage == .metAgreement ? ProjectStage.producing.step! : e.stage.step ?? -1
            if e.kind == .correction { steps.removeAll { $0 > v } }
            steps.append(v)
        }
        return steps.max() ?? -1
    }

    static func conversion(_ cohort: [[ProjectEvent]]) -> [StageConversion] {
        let reach = cohort.map(furthest)
        return ProjectStage.pipeline.dropLast().map { s in
            let step = s.step!
            var days: [Int] = []
            for h in cohort {
                let stages = h.filter { $0.kind.isStageChange }
                guard let i = stages.firstIndex(where: { $0.stage == s }), i + 1 < stages.count else { continue }
                days.append(stages[i + 1].date.days(from: stages[i].date))
            }
            return StageConversion(stage: s, reached: reach.filter { $0 >= step }.count, wentOn: reach.filter { $0 > step }.count,
                                   medianDays: median(days))
        }
    }

    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let v = values.sorted()
        return v.count % 2 == 1 ? Double(v[v.count / 2]) : Double(v[v.count / 2 - 1] + v[v.count / 2]) / 2
    }
}

extension Registry {
    /// The pipeline figures of the period `from`…`to` (both days included), in one read snapshot.
    public func pipelineStats(from: CivilDate, to: CivilDate, by grouping: PipelineGrouping? = nil) throws -> PipelineStats {
        guard from <= to else { throw RegistryError(path: path, kind: .invalidArgument, "the period ends (\(to)) before it begins (\(from))") }
        return try store.read { r in
            PipelineRules.stats(try r.projects(id: nil), events: Dictionary(grouping: try r.projectEvents(of: nil), by: \.projectID),
                                from: from, to: to, by: grouping)
        }
    }
}

import LandbankLifecycle

/// The projects a supply runway counts when it reads the registry's own pipeline instead of a demand file:
/// projects at `signed` with no site yet (they will take land: weight 1; a project building or producing has
/// its land, recorded here or not), and the projects still before signing
/// (lead … decided), each weighted by the chance that a project at its stage signs, taken from the registry's
/// own history.
///
/// The chance from stage s is the product of the stage-to-stage conversions from s up to signing, where the
/// conversion of a stage is, of the projects that reached it, the share that reached a later one (skipped steps
/// count as passed; projects still at it count as not yet gone on: a cautious rate). Since reaching a later stage
/// is reaching the next, the product equals reached(signed) ÷ reached(s). Every project with a history up to
/// `asOf` is counted, whatever its period.
public struct PipelinePull: Sendable, Codable {
    public var asOf: CivilDate
    /// Per stage lead … decided: how many reached it, went on, and the weight of a project now at it.
    public var rates: [StageRate]
    public var projects: [PipelineProject]
    /// Projects that would count but have no demand recorded: not counted.
    public var withoutDemand: [String]
}

public struct StageRate: Sendable, Codable, Equatable {
    public var stage: ProjectStage
    public var reached: Int
    public var wentOn: Int
    /// The chance that a project at this stage signs: the product of this and the later stages' conversions.
    public var weight: Double
}

public struct PipelineProject: Sendable, Codable, Equatable {
    public var id: String
    public var stage: ProjectStage
    public var weight: Double
    /// The matcher's demand (JSON text).
    public var demandJSON: String
}

enum PipelinePullRules {
    static func pull(_ projects: [Project], events: [String: [ProjectEvent]], asOf: CivilDate) -> PipelinePull {
        let histories = projects.map { p in (p, (events[p.id] ?? []).filter { $0.date <= asOf }) }
        let conversion = PipelineRules.conversion(histories.map(\.1).filter { !$0.isEmpty })
        let signedStep = ProjectStage.signed.step!
        let reachedSigned = histories.filter { !$0.1.isEmpty && PipelineRules.furthest($0.1) >= signedStep }.count
        let rates = conversion.filter { $0.stage.step! < signedStep }.map { c in
            StageRate(stage: c.stage, reached: c.reached, wentOn: c.wentOn, weight: c.reached > 0 ? Double(reachedSigned) / Double(c.reached) : 0)
        }
        let weights = Dictionary(uniqueKeysWithValues: rates.map { ($0.stage, $0.weight) })
        var counted: [PipelineProject] = [], without: [String] = []
        for (p, h) in histories {
            guard let stage = h.last(where: \.kind.countsForStage)?.stage else { continue }
            let sited = h.contains { $0.kind == .site }
            let weight: Double
            if let w = weights[stage] { weight = w }
            else if stage == .signed && !sited { weight = 1 }
            else { continue }
            if sited && weight < 1 { continue }
            guard let d = p.demandJSON else { without.append(p.id); continue }
            counted.append(PipelineProject(id: p.id, stage: stage, weight: weight, demandJSON: d))
        }
        return PipelinePull(asOf: asOf, rates: rates, projects: counted, withoutDemand: without)
    }
}

extension Registry {
    /// The registry's own pipeline as a runway reads it (`PipelinePull`), as of a date; one read snapshot.
    public func pipelinePull(asOf: CivilDate) throws -> PipelinePull {
        try store.read { r in
            PipelinePullRules.pull(try r.projects(id: nil), events: Dictionary(grouping: try r.projectEvents(of: nil), by: \.projectID),
                                   asOf: asOf)
        }
    }
}

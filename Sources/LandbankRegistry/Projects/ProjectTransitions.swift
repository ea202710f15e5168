/// Which stage changes a project's history allows, and why one is refused.
///
/// Forward along the pipeline is allowed, skipping steps included (a lead may be signed at the first meeting).
/// Backwards is not: a stage recorded by mistake is put right by a correction, which must say why and may
/// name any stage. The ends are final except through a correction: met the agreement only from producing;
/// never landed from decided or signed (nothing built); in breach from signed, building or producing (or
/// after never landing, when the zone sues); terminated from anywhere.
public enum ProjectTransitions {
    static let ends: [ProjectStage: Set<ProjectStage>] = [
        .metAgreement: [.producing],
        .neverLanded: [.decided, .signed],
        .inBreach: [.signed, .building, .producing, .neverLanded],
        .terminated: Set(ProjectStage.pipeline + [.neverLanded, .inBreach]),
    ]

    /// The stages reachable from `stage` without a correction (any stage from no stage at all: a project may
    /// enter the registry at the stage it has reached).
    public static func next(after stage: ProjectStage?) -> [ProjectStage] {
        ProjectStage.allCases.filter { allows(from: stage, to: $0) }
    }

    static func allows(from: ProjectStage?, to: ProjectStage) -> Bool {
        guard let from else { return true }
        if from == to { return false }
        if let endFrom = ends[to] { return endFrom.contains(from) }
        if let a = from.step, let b = to.step { return b > a }
        return false
    }

    /// Why `from` → `to` is refused as an ordinary stage change, or nil when it is allowed.
    public static func refusal(from: ProjectStage?, to: ProjectStage) -> String? {
        guard let from else { return nil }
        if from == to { return "it is already \(to.rawValue)" }
        if allows(from: from, to: to) { return nil }
        let options = next(after: from).map(\.rawValue)
        let hint = to.step.map { b in from.step.map { $0 > b } ?? false } == true || from.isEnd
            ? "; a stage recorded by mistake is put right with a correction that says why" : ""
        return "\(from.rawValue) cannot become \(to.rawValue) (allowed next: \(options.isEmpty ? "none" : options.joined(separator: ", ")))\(hint)"
    }
}

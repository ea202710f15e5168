/// The stages of an investment project (招商引资项目), from the first lead to its end.
///
/// Seed 003 names the zone's eight steps: 发掘 find the lead, 跟进 follow up, 洽谈 negotiate, 评估 evaluate, 决策
/// decide, 签约 sign, 建设 build, and then produce; seed 000 counts how signed projects ended: met the agreement,
/// never landed, in breach (short of it), or terminated.
public enum ProjectStage: String, CaseIterable, Codable, Sendable {
    /// 发掘 — a lead found.
    case lead
    /// 跟进 — followed up.
    case following
    /// 洽谈 — in negotiation.
    case negotiating
    /// 评估 — evaluated (environment, site, returns).
    case evaluating
    /// 决策 — decided.
    case decided
    /// 签约 — the investment agreement signed.
    case signed
    /// 建设 — under construction.
    case building
    /// 投产 — producing.
    case producing
    /// 达到协议约定 — met the agreement.
    case metAgreement = "met_agreement"
    /// 未落地 — signed but never landed.
    case neverLanded = "never_landed"
    /// 违约 — in breach of the agreement.
    case inBreach = "in_breach"
    /// 终止 — terminated.
    case terminated

    public var chineseName: String {
        switch self {
        case .lead: "发掘"
        case .following: "跟进"
        case .negotiating: "洽谈"
        case .evaluating: "评估"
        case .decided: "决策"
        case .signed: "签约"
        case .building: "建设"
        case .producing: "投产"
        case .metAgreement: "达到协议约定"
        case .neverLanded: "未落地"
        case .inBreach: "违约"
        case .terminated: "终止"
        }
    }

    /// The stages a project goes through in order; the ends come after them.
    public static let pipeline: [ProjectStage] = [.lead, .following, .negotiating, .evaluating, .decided, .signed, .building, .producing]

    /// Position in the pipeline (0 for a lead); nil for the ends.
    public var step: Int? { Self.pipeline.firstIndex(of: self) }

    public var isEnd: Bool { step == nil }

    /// Whether a project at this stage has signed its agreement (the ends other than terminated are reached only
    /// after signing; a terminated project may never have signed, which its history says).
    public var isSignedStage: Bool { (step ?? 0) >= 5 || self == .metAgreement || self == .neverLanded || self == .inBreach }

    /// Parses the stage's name or its Chinese name ("signed", "签约").
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let s = ProjectStage(rawValue: t.lowercased()) { self = s; return }
        guard let s = Self.allCases.first(where: { $0.chineseName == t }) else { return nil }
        self = s
    }
}

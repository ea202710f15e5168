import LandbankLifecycle

/// An investment project (招商引资项目): who invests, in what, which team owns it, where it wants to land,
/// what the investor wants (the matcher's demand, as JSON text), and what the signed agreement promises.
/// Its stage is derived from its history (`ProjectEvent`), never set directly.
public struct Project: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var investor: String?
    public var industry: String?
    /// The investment-promotion team (招商小组/小分队) that owns the project.
    public var team: String?
    public var zone: String?
    /// The investor's demand in the matcher's JSON format (LandbankMatching's `DemandReader`), as given.
    public var demandJSON: String?
    /// Why the project falls short, when the zone has judged it (seed 000's two cases).
    public var cause: ShortfallCause?
    /// 战略性新兴产业项目 — a strategic emerging industry project (seed 002's share); nil when not judged.
    public var strategicEmerging: Bool?
    /// The investor's class when it is one of seed 002's (500强 and the like); nil for any other investor.
    public var investorClass: InvestorClass?
    public var agreement: ProjectAgreement
    /// The stage the history leads to; nil before the first event.
    public internal(set) var stage: ProjectStage?

    public init(id: String, name: String, investor: String? = nil, industry: String? = nil, team: String? = nil,
                zone: String? = nil, demandJSON: String? = nil, cause: ShortfallCause? = nil,
                agreement: ProjectAgreement = ProjectAgreement(), stage: ProjectStage? = nil,
                strategicEmerging: Bool? = nil, investorClass: InvestorClass? = nil) {
        self.id = id
        self.name = name
        self.investor = investor
        self.industry = industry
        self.team = team
        self.zone = zone
        self.demandJSON = demandJSON
        self.cause = cause
        self.strategicEmerging = strategicEmerging
        self.investorClass = investorClass
        self.agreement = agreement
        self.stage = stage
    }

    /// The same project with another stage (the stage is the history's, so only the registry sets it).
    func with(stage: ProjectStage?) -> Project {
        var p = self
        p.stage = stage
        return p
    }
}

/// What the investment agreement (投资协议) promises, and by when. Amounts in fen; figures a year are the
/// output and tax of one full year once the project has reached them.
public struct ProjectAgreement: Equatable, Sendable, Codable {
    /// 协议投资额 — total investment promised.
    public var investment: Money?
    /// 年产值 — annual output promised.
    public var annualOutput: Money?
    /// 年税收 — annual tax promised.
    public var annualTax: Money?
    public var jobs: Int?
    /// Floor space the project will fill (m²), for a tenant of standard factory space.
    public var floorSpaceM2: Double?
    /// Firms an industrial-park developer promises to bring in (seed 000's 工业地产 projects).
    public var tenants: Int?
    public var signBy: CivilDate?
    public var landBy: CivilDate?
    public var startBy: CivilDate?
    public var productionBy: CivilDate?
    /// 达产达标 — the date by which the promised figures are to be reached.
    public var figuresBy: CivilDate?

    public init(investment: Money? = nil, annualOutput: Money? = nil, annualTax: Money? = nil, jobs: Int? = nil,
                floorSpaceM2: Double? = nil, tenants: Int? = nil, signBy: CivilDate? = nil, landBy: CivilDate? = nil,
                startBy: CivilDate? = nil, productionBy: CivilDate? = nil, figuresBy: CivilDate? = nil) {
        self.investment = investment
        self.annualOutput = annualOutput
        self.annualTax = annualTax
        self.jobs = jobs
        self.floorSpaceM2 = floorSpaceM2
        self.tenants = tenants
        self.signBy = signBy
        self.landBy = landBy
        self.startBy = startBy
        self.productionBy = productionBy
        self.figuresBy = figuresBy
    }

    /// Whether the agreement is an industrial-park developer's (工业地产): it promises firms brought in.
    public var isParkDeveloper: Bool { (tenants ?? 0) > 0 }
}

/// Why a signed project falls short (seed 000 answers the two differently).
public enum ShortfallCause: String, CaseIterable, Codable, Sendable {
    /// 受市场环境变化 — the market changed: pause further incentives and help the firm reach its figures.
    case market
    /// 企业自身原因 — the investor's own delay: legal steps, land recovery or the inefficient-land list.
    case investor

    public var chineseName: String {
        switch self {
        case .market: "市场环境变化"
        case .investor: "企业自身原因"
        }
    }
}

/// Seed 002's investors whose projects count toward "国内外500强、民营企业500强、跨国公司、上市公司、行业龙头企业投资的
/// 项目占比达到30%以上" — the Fortune-500-class share.
public enum InvestorClass: String, CaseIterable, Codable, Sendable {
    /// 国内外500强 — a Fortune Global 500 or China top-500 firm.
    case top500
    /// 民营企业500强 — one of China's top 500 private firms.
    case private500
    /// 跨国公司 — a multinational.
    case multinational
    /// 上市公司 — a listed company.
    case listed
    /// 行业龙头企业 — an industry leader.
    case industryLeader = "industry_leader"

    public var chineseName: String {
        switch self {
        case .top500: "国内外500强"
        case .private500: "民营企业500强"
        case .multinational: "跨国公司"
        case .listed: "上市公司"
        case .industryLeader: "行业龙头企业"
        }
    }

    /// Parses the class's name or its Chinese name.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let c = InvestorClass(rawValue: t.lowercased()) { self = c; return }
        guard let c = Self.allCases.first(where: { $0.chineseName == t }) else { return nil }
        self = c
    }
}

import LandbankLifecycle

/// The compliance ledger (履约台账): the signed projects of a period, each classified against its agreement as
/// seed 000 counts them — met, never landed, still building, or short — with what falls short and by how much,
/// whether its incentives are fully paid, and the response seed 000 describes, with its reason.
public struct ProjectLedger: Sendable, Codable {
    public var since: CivilDate?
    public var asOf: CivilDate
    public var entries: [LedgerEntry]

    public var counts: [LedgerClass: Int] {
        Dictionary(grouping: entries, by: \.classification).mapValues(\.count)
    }

    public func count(_ c: LedgerClass) -> Int { counts[c] ?? 0 }

    /// Of the projects short of their agreement: incentives fully paid, not fully paid, none promised.
    public var shortIncentives: (fullyPaid: Int, notFullyPaid: Int, nonePromised: Int) {
        let short = entries.filter { $0.classification == .short }
        return (short.filter { $0.incentives.state == .fullyPaid }.count, short.filter { $0.incentives.state == .notFullyPaid }.count,
                short.filter { $0.incentives.state == .nonePromised }.count)
    }
}

/// Seed 000's four counts.
public enum LedgerClass: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// 达到协议约定
    case met
    /// 未落地 — signed, nothing built, and past the date to land (or so recorded).
    case neverLanded = "never_landed"
    /// 还处在建设期 — within its time to build and reach the figures.
    case building
    /// 未达到协议约定 — past its deadline and short of what it promised, or in breach.
    case short

    public var chineseName: String {
        switch self {
        case .met: "达到协议约定"
        case .neverLanded: "未落地"
        case .building: "建设期"
        case .short: "未达到协议约定"
        }
    }
}

public struct LedgerEntry: Sendable, Codable {
    public var projectID: String
    public var name: String
    public var team: String?
    public var signedOn: CivilDate
    /// The stage on the ledger's date.
    public var stage: ProjectStage
    public var classification: LedgerClass
    /// The promised figures not reached, with how far.
    public var shortfalls: [Shortfall]
    /// Which deadline has passed and by how many days (the latest one that applies), when one has.
    public var overdue: Overdue?
    public var incentives: IncentiveStatus
    /// Parcels assigned to the project (its site events), and those of them the idle-land rules flag.
    public var parcels: [String] = []
    public var idleLand: [IdleLandNote] = []
    public var response: LedgerResponse?
    public var reason: String?
}

/// A parcel of the project that the idle-land rules (2012 Measures) flag on the ledger's date, through its
/// supply contract (`Registry.idleCheck`).
public struct IdleLandNote: Sendable, Codable, Equatable {
    public var parcelID: String
    public var mayRecoverWithoutCompensation: Bool
    public var reason: String
}

/// One promised figure against what was reached: "investment 38% of promised".
public struct Shortfall: Sendable, Codable, Equatable {
    /// investment, output, tax, jobs, tenants, floor_space
    public var figure: String
    /// Amounts as exact yuan text; counts and m² as numbers written out.
    public var promised: String
    public var actual: String
    /// Actual as a whole percent of promised, rounded down (99.9% is short, so it is never shown as 100%).
    public var percent: Int

    /// "investment 1.14亿元 of 3亿元 (38%)": amounts as the seeds write them, counts and m² as they are.
    public var text: String {
        func shown(_ s: String) -> String { Self.moneyFigures.contains(figure) ? Money(yuan: s).map(ChineseAmount.text) ?? s : s }
        return "\(figure) \(shown(actual)) of \(shown(promised)) (\(percent)%)"
    }

    static let moneyFigures: Set<String> = ["investment", "output", "tax"]
}

public struct Overdue: Sendable, Codable, Equatable {
    /// start, land, production, figures
    public var deadline: String
    public var date: CivilDate
    public var days: Int

    public var text: String {
        let years = days / 365
        let span = years >= 1 ? "\(years) year\(years == 1 ? "" : "s") \(days % 365) days" : "\(days) days"
        return "\(span) past the \(deadline) deadline of \(date)"
    }
}

public struct IncentiveStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// 政策已兑现完毕
        case fullyPaid = "fully_paid"
        /// 未兑现完
        case notFullyPaid = "not_fully_paid"
        case nonePromised = "none_promised"
    }
    public var promised: Money
    public var paid: Money
    public var state: State
}

/// Seed 000's responses to a project short of its agreement.
public enum LedgerResponse: String, CaseIterable, Sendable, Codable {
    /// 暂缓后续政策兑现 — the market changed: pause further incentives, visit, help it reach its figures.
    case pauseIncentives = "pause_incentives"
    /// 启动法律程序，追究违约责任 — the investor's own delay past a deadline.
    case legalSteps = "legal_steps"
    /// 启动土地收回程序，或列入低效用地清理 — a serious breach: land recovery or the inefficient-land list.
    case landRecovery = "land_recovery"
    /// 依据协议违约条款施压 — an industrial-park developer short of the firms it promised.
    case breachClause = "breach_clause"

    public var chineseName: String {
        switch self {
        case .pauseIncentives: "暂缓后续政策兑现"
        case .legalSteps: "启动法律程序，追究违约责任"
        case .landRecovery: "启动土地收回程序或列入低效用地清理"
        case .breachClause: "依据协议违约条款施压"
        }
    }
}

/// When supplied land counts as idle under the 2012 Measures on the Disposal of Idle Land, and what follows from it.

/// Why a start was delayed, when the registry records the delay as not the holder's doing (Article 8).
public enum DelayCause: String, CaseIterable, Codable, Sendable {
    /// 政府原因 — caused by the government or its departments (late delivery, plan changes, new policy…).
    case government
    /// 不可抗力 — force majeure, such as a natural disaster.
    case forceMajeure = "force_majeure"

    public var chineseName: String {
        switch self {
        case .government: return "政府原因"
        case .forceMajeure: return "不可抗力"
        }
    }
}

/// The supply-contract facts the rules read (国有建设用地使用权有偿使用合同 — the land supply contract).
public struct SupplyContract: Sendable, Codable, Equatable {
    public var contractNumber: String
    public var holder: String
    /// The land price (出让或者划拨价款) the idle fee is a share of.
    public var landPrice: Money
    /// The agreed start of work (约定动工开发日期).
    public var agreedStart: CivilDate
    public var agreedCompletion: CivilDate?
    public var actualStart: CivilDate?
    /// The date work stopped, for land where work started and then stopped.
    public var stoppedOn: CivilDate?
    /// Developed (建设) area and the total area to be developed, m².
    public var developedArea: Double?
    public var totalArea: Double?
    public var investmentMade: Money?
    public var totalInvestment: Money?
    /// A delay the registry records as caused by the government or by force majeure, with its note.
    public var delayCause: DelayCause?
    public var delayNote: String?

    enum CodingKeys: String, CodingKey {
        case contractNumber = "contract_no", holder, landPrice = "land_price", agreedStart = "agreed_start"
        case agreedCompletion = "agreed_completion", actualStart = "actual_start", stoppedOn = "stopped_on"
        case developedArea = "developed_area_m2", totalArea = "total_area_m2", investmentMade = "investment_made"
        case totalInvestment = "total_investment", delayCause = "delay_cause", delayNote = "delay_note"
    }

    public init(contractNumber: String, holder: String, landPrice: Money, agreedStart: CivilDate,
                agreedCompletion: CivilDate? = nil, actualStart: CivilDate? = nil, stoppedOn: CivilDate? = nil,
                developedArea: Double? = nil, totalArea: Double? = nil,
                investmentMade: Money? = nil, totalInvestment: Money? = nil,
                delayCause: DelayCause? = nil, delayNote: String? = nil) {
        self.contractNumber = contractNumber
        self.holder = holder
        self.landPrice = landPrice
        self.agreedStart = agreedStart
        self.agreedCompletion = agreedCompletion
        self.actualStart = actualStart
        self.stoppedOn = stoppedOn
        self.developedArea = developedArea
        self.totalArea = totalArea
        self.investmentMade = investmentMade
        self.totalInvestment = totalInvestment
        self.delayCause = delayCause
        self.delayNote = delayNote
    }
}

/// The finding that a parcel is 闲置土地 — idle land — and its consequences on a given day.
public struct IdleVerdict: Sendable, Codable, Equatable {
    /// Which limb of Article 2 makes the land idle.
    public enum Kind: String, Codable, Sendable {
        /// 未动工开发 — work never started.
        case notStarted = "not_started"
        /// 中止开发建设 — work started, too little was done, and it stopped.
        case stopped
    }
    public var kind: Kind
    /// The first day the land counts as idle: the reference date + 1 year + 1 day.
    public var idleSince: CivilDate
    /// Full years since the reference date (agreed start, or the stop), counted as the Measures count them.
    public var fullYearsIdle: Int
    /// 土地闲置费 — 20% of the land price once the first full year is complete; nil when excluded.
    public var idleFee: Money?
    /// 无偿收回 — the land use right may be recovered without compensation: two full years.
    public var mayRecoverWithoutCompensation: Bool
    /// A government / force-majeure delay: listed, but no fee and no recovery.
    public var excluded: Bool
    /// The finding in words, one or two sentences, with the dates and figures.
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case kind, idleSince = "idle_since", fullYearsIdle = "full_years_idle", idleFee = "idle_fee"
        case mayRecoverWithoutCompensation = "may_recover_without_compensation", excluded, reason
    }
}

/// The idle-land rules of 国土资源部令第53号《闲置土地处置办法》 (Measures on the Disposal of Idle Land, 2012).
///
/// **Idle (Article 2).** State-owned construction land is idle when
/// - *not started*: work has not started one full year after the agreed start in the supply contract; or
/// - *stopped*: work started, but the developed area is under one third of the total to be developed or the
///   investment made is under 25% of the total investment, and work has stopped for one full year.
///
/// **Consequences (Article 14).** Idle for one full year (未动工开发满一年): an idle fee of 20% of the land price
/// (征缴土地闲置费). Idle for two full years (满两年): the land use right may be recovered without compensation
/// (无偿收回), subject to the approving government. Article 14 applies "except in the cases of Article 8":
/// a delay caused by the government or by force majeure is not counted.
///
/// **Counting.** By the Civil Code Art. 201–203, a period of years from day S starts on the next day and ends
/// at the end of the corresponding day n years on (`CivilDate.adding(years:)`; Feb 29 → Feb 28). So one full
/// year from S is complete at the end of S+1y: on S+1y the land is not yet idle, on S+1y+1d it is ("one year and
/// a day"). Full years are the largest n with asOf > S + n years; the fee is due from the first idle day and
/// recovery is possible from S+2y+1d. The reference day S is the agreed start (not started) or the stop (stopped).
/// Art. 203's extension of a period ending on a public holiday is not applied: the registry keeps no holiday
/// calendar.
///
/// **Simplifications.** An actual start on or before `asOf` ends the not-started rule, even if it came after the
/// first full year. The thresholds compare exactly: developed × 3 < total and investment × 4 < total, so exactly
/// one third or exactly 25% is not under. A missing (or non-positive total) figure means that test cannot be
/// made; with neither test possible, the stopped rule does not apply.
public enum IdleLandRules {
    /// The verdict on `contract` at the end of `asOf`, or nil when the land is not idle.
    public static func assess(_ contract: SupplyContract, asOf: CivilDate) -> IdleVerdict? {
        guard let basis = basis(contract, asOf: asOf) else { return nil }
        // A reference day in 9999 (a typing slip a ledger may hold): its first year ends past the last date there
        // is, so no day can find the land idle.
        guard CivilDate.years.contains(basis.reference.year + 1) else { return nil }
        let firstYearEnds = basis.reference.adding(years: 1)
        guard asOf > firstYearEnds else { return nil }
        let years = fullYears(from: basis.reference, to: asOf)
        let idleSince = firstYearEnds.adding(days: 1)
        let first = "\(basis.facts); the first full year ended on \(firstYearEnds), idle since \(idleSince) (Article 2)."
        let counted = "\(years) full year\(years == 1 ? "" : "s") since \(basis.referenceName)"

        if let cause = contract.delayCause {
            let whose = cause == .government ? "the government" : "force majeure"
            let note = contract.delayNote.map { ": \($0)" } ?? ""
            return IdleVerdict(
                kind: basis.kind, idleSince: idleSince, fullYearsIdle: years, idleFee: nil,
                mayRecoverWithoutCompensation: false, excluded: true,
                reason: first + " The delay is recorded as caused by \(whose) (\(cause.chineseName), Article 8)\(note);"
                    + " the period is not counted, so no idle fee and no recovery (\(counted)).")
        }

        let fee = contract.landPrice.percent(20)
        var second = "\(counted): idle fee 20% of land price \(contract.landPrice) = \(fee) yuan"
        let mayRecover = years >= 2
        if mayRecover {
            let secondYearEnds = basis.reference.adding(years: 2)
            second += "; the second full year ended on \(secondYearEnds),"
                + " so the land use right may be recovered without compensation"
        }
        return IdleVerdict(
            kind: basis.kind, idleSince: idleSince, fullYearsIdle: years, idleFee: fee,
            mayRecoverWithoutCompensation: mayRecover, excluded: false,
            reason: first + " " + second + " (Article 14).")
    }

    /// Full years from `reference` to `asOf`: the largest n ≥ 0 with asOf > reference + n years.
    static func fullYears(from reference: CivilDate, to asOf: CivilDate) -> Int {
        // reference + (k+1) years lies in a later year than asOf, so the answer is at most k.
        var n = max(0, asOf.year - reference.year)
        while n > 0 && !(asOf > reference.adding(years: n)) { n -= 1 }
        return n
    }

    /// Which rule applies, from which day, and the facts behind it in words.
    private struct Basis {
        var kind: IdleVerdict.Kind
        var reference: CivilDate
        var referenceName: String
        var facts: String
    }

    private static func basis(_ c: SupplyContract, asOf: CivilDate) -> Basis? {
        guard let started = c.actualStart, started <= asOf else {
            return Basis(kind: .notStarted, reference: c.agreedStart, referenceName: "the agreed start",
                         facts: "Not started: agreed start \(c.agreedStart), no start by \(asOf)")
        }
        guard let stopped = c.stoppedOn, stopped <= asOf, let shortfall = shortfall(c) else { return nil }
        return Basis(kind: .stopped, reference: stopped, referenceName: "the stop",
                     facts: "Stopped: work started \(started) and stopped on \(stopped) with \(shortfall)")
    }

    /// The figures that fall short of Article 2's thresholds, in words; nil when none does or none can be tested.
    private static func shortfall(_ c: SupplyContract) -> String? {
        var found: [String] = []
        if let developed = c.developedArea, let total = c.totalArea, developed >= 0, total > 0,
           // developed × 3 − total with a single rounding (fused multiply-add): its sign is exact.
           (-total).addingProduct(developed, 3) < 0 {
            found.append("developed area \(squareMetres(developed)) of \(squareMetres(total)) m² (under one third)")
        }
        if let made = c.investmentMade, let total = c.totalInvestment, made.fen >= 0, total.fen > 0 {
            // An overflowing made × 4 is far above any Int64 total, so it is not under.
            let (quadruple, overflow) = made.fen.multipliedReportingOverflow(by: 4)
            if !overflow && quadruple < total.fen {
                found.append("investment \(made) of \(total) yuan (under 25%)")
            }
        }
        return found.isEmpty ? nil : found.joined(separator: " and ")
    }

    /// Whole square metres without a ".0"; fractions as Swift prints them.
    private static func squareMetres(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

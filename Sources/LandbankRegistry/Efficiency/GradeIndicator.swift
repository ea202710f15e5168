import LandbankLifecycle

/// The per-mu indicators (亩均指标) a policy may weigh, with their units as zones publish them.
public enum GradeIndicator: String, CaseIterable, Codable, Sendable {
    /// 亩均税收 — tax ÷ land, 万元/亩.
    case taxPerMu = "tax_per_mu"
    /// 亩均增加值 — value added ÷ land, 万元/亩.
    case valueAddedPerMu = "value_added_per_mu"
    /// 亩均销售收入 — sales ÷ land, 万元/亩.
    case salesPerMu = "sales_per_mu"
    /// 投资强度 — fixed-asset investment ÷ land, 万元/亩.
    case investmentPerMu = "investment_per_mu"
    /// 增加值率 — value added ÷ sales, %.
    case valueAddedRate = "value_added_rate"
    /// 研发经费占比 — R&D ÷ sales, %.
    case rdShare = "rd_share"
    /// 全员劳动生产率 — value added ÷ employees, 万元/人.
    case labourProductivity = "labour_productivity"
    /// 单位增加值能耗 — energy ÷ value added, tce/万元 (less is better).
    case energyPerValueAdded = "energy_per_value_added"
    /// 单位增加值排放 — emissions ÷ value added, t/万元 (less is better).
    case emissionsPerValueAdded = "emissions_per_value_added"

    public var unit: String {
        switch self {
        case .taxPerMu, .valueAddedPerMu, .salesPerMu, .investmentPerMu: return "万元/亩"
        case .valueAddedRate, .rdShare: return "%"
        case .labourProductivity: return "万元/人"
        case .energyPerValueAdded: return "tce/万元"
        case .emissionsPerValueAdded: return "t/万元"
        }
    }

    public var lessIsBetter: Bool { self == .energyPerValueAdded || self == .emissionsPerValueAdded }

    /// The indicator's value from an enterprise's totals and land, or why it cannot be computed (a figure missing,
    /// a divisor of zero).
    func value(_ t: EnterpriseTotals, landMu: Double) -> Result<Double, IndicatorGap> {
        func yuan(_ m: Money?, _ column: String) -> Result<Double, IndicatorGap> {
            guard let m else { return .failure(.missing(column)) }
            return .success(Double(m.fen) / 100)
        }
        func per(_ a: Result<Double, IndicatorGap>, _ b: Result<Double, IndicatorGap>, _ divisor: String, scale: Double) -> Result<Double, IndicatorGap> {
            a.flatMap { x in b.flatMap { y in y > 0 ? .success(x / y * scale) : .failure(.zeroDivisor(divisor)) } }
        }
        let land: Result<Double, IndicatorGap> = landMu > 0 ? .success(landMu) : .failure(.zeroDivisor("land"))
        let va = yuan(t.valueAdded, "value_added_yuan"), sales = yuan(t.sales, "sales_yuan")
        switch self {
        case .taxPerMu: return per(yuan(t.tax, "tax_yuan"), land, "land", scale: 1e-4)
        case .valueAddedPerMu: return per(va, land, "land", scale: 1e-4)
        case .salesPerMu: return per(sales, land, "land", scale: 1e-4)
        case .investmentPerMu: return per(yuan(t.investment, "investment_yuan"), land, "land", scale: 1e-4)
        case .valueAddedRate: return per(va, sales, "sales_yuan", scale: 100)
        case .rdShare: return per(yuan(t.rd, "rd_yuan"), sales, "sales_yuan", scale: 100)
        case .labourProductivity:
            let staff: Result<Double, IndicatorGap> = t.employees.map { .success(Double($0)) } ?? .failure(.missing("employees"))
            return per(va, staff, "employees", scale: 1e-4)
        case .energyPerValueAdded:
            let e: Result<Double, IndicatorGap> = t.energyTCE.map { .success($0) } ?? .failure(.missing("energy_tce"))
            return per(e, va, "value_added_yuan", scale: 1e4)
        case .emissionsPerValueAdded:
            let e: Result<Double, IndicatorGap> = t.emissionsT.map { .success($0) } ?? .failure(.missing("emissions_t"))
            return per(e, va, "value_added_yuan", scale: 1e4)
        }
    }
}

/// Why an indicator has no value: a figure missing, or a divisor of zero (no sales, no value added…).
public enum IndicatorGap: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case zeroDivisor(String)

    public var description: String {
        switch self {
        case .missing(let c): return "\(c) missing"
        case .zeroDivisor(let c): return "\(c) is 0"
        }
    }
}

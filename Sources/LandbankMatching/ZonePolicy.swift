import LandbankLifecycle

/// A zone's admission policy (准入 / 标准地 gates), stored in the registry per zone and set with
/// `landbank policy set`. Each gate is in the zone's own units: 万元 per 亩 (1 万元 = 10,000 yuan; 1 亩 = 1 mu).
public struct ZonePolicy: Sendable, Equatable {
    /// 主导产业 — industries the zone leads with (a soft wish, `prefer.leading_industry`, can favour them).
    public var leadingIndustries: [Industry] = []
    /// Industries the zone refuses (two-high, 两高, and others).
    public var refusedIndustries: [Industry] = []
    /// 投资强度 — minimum investment per mu of land, 万元/亩.
    public var minInvestmentIntensityWanPerMu: Double?
    /// 亩均税收 — minimum annual tax per mu, 万元/亩 a year.
    public var minTaxWanPerMuYear: Double?
    /// 亩均产出 — minimum annual output per mu, 万元/亩 a year.
    public var minOutputWanPerMuYear: Double?
    /// 单位产出能耗 — maximum energy per unit of output, tonnes of standard coal per 万元 of output.
    public var maxEnergyTcePerWanOutput: Double?
    /// 容积率 — minimum plot ratio.
    public var minPlotRatio: Double?
    /// The land statuses the zone offers (default: idle, recovered, approved_not_supplied).
    public var availableStatuses: [ParcelStatus] = ZonePolicy.defaultLandStatuses
    /// The building statuses whose vacant floor space the zone offers (default: idle, recovered, revitalized).
    public var availableFloorStatuses: [ParcelStatus] = ZonePolicy.defaultFloorStatuses

    public init() {}

    /// 闲置, 收回, 批而未供: land with no user that the zone can supply now.
    public static let defaultLandStatuses: [ParcelStatus] = [.idle, .recovered, .approvedNotSupplied]
    /// Vacant floor space of a building that is idle, recovered, or revitalized (a standard factory let in part
    /// still offers its vacant floors); not under recovery or assigned.
    public static let defaultFloorStatuses: [ParcelStatus] = [.idle, .recovered, .revitalized]

    /// Whether any gate of the 标准地 kind is set.
    var hasGates: Bool {
        !refusedIndustries.isEmpty || minInvestmentIntensityWanPerMu != nil || minTaxWanPerMuYear != nil
            || minOutputWanPerMuYear != nil || maxEnergyTcePerWanOutput != nil || minPlotRatio != nil
    }
}

import LandbankLifecycle

/// One row of an enterprise's figures for a year (企业亩均效益数据, from the tax and statistics bureaus' exports):
/// the enterprise on one parcel. A firm on several parcels has several rows; a parcel may host several firms.
///
/// `floorSpaceM2` set: the firm is a tenant of that much floor space in the parcel's buildings (its land is
/// taken pro rata); nil: the firm holds the whole parcel. Every figure is optional: a figure the file leaves
/// empty stays missing (never zero), and grading says so.
public struct EnterpriseFigures: Sendable, Codable, Equatable {
    public var year: Int
    public var enterpriseID: String
    public var name: String?
    public var parcelID: String
    public var floorSpaceM2: Double?
    /// 税收 — tax paid in the year.
    public var tax: Money?
    /// 工业增加值 — value added.
    public var valueAdded: Money?
    /// 销售收入 — sales (revenue).
    public var sales: Money?
    /// 研发经费 — R&D spending.
    public var rd: Money?
    /// 固定资产投资 — cumulative fixed-asset investment on this land (投资强度), when the file gives it.
    public var investment: Money?
    /// 综合能耗 — energy use, tonnes of coal equivalent.
    public var energyTCE: Double?
    /// 主要污染物排放 — emissions, tonnes.
    public var emissionsT: Double?
    public var employees: Int?
    public var safetyIncidents: Int?
    public var environmentIncidents: Int?
    /// 重大安全事故 / 重大环境事件 — major incidents, which the policy's vetoes read.
    public var majorSafetyIncidents: Int?
    public var majorEnvironmentIncidents: Int?

    public init(year: Int, enterpriseID: String, name: String? = nil, parcelID: String, floorSpaceM2: Double? = nil,
                tax: Money? = nil, valueAdded: Money? = nil, sales: Money? = nil, rd: Money? = nil, investment: Money? = nil,
                energyTCE: Double? = nil, emissionsT: Double? = nil, employees: Int? = nil, safetyIncidents: Int? = nil,
                environmentIncidents: Int? = nil, majorSafetyIncidents: Int? = nil, majorEnvironmentIncidents: Int? = nil) {
        self.year = year
        self.enterpriseID = enterpriseID
        self.name = name
        self.parcelID = parcelID
        self.floorSpaceM2 = floorSpaceM2
        self.tax = tax
        self.valueAdded = valueAdded
        self.sales = sales
        self.rd = rd
        self.investment = investment
        self.energyTCE = energyTCE
        self.emissionsT = emissionsT
        self.employees = employees
        self.safetyIncidents = safetyIncidents
        self.environmentIncidents = environmentIncidents
        self.majorSafetyIncidents = majorSafetyIncidents
        self.majorEnvironmentIncidents = majorEnvironmentIncidents
    }

    enum CodingKeys: String, CodingKey {
        case year, enterpriseID = "enterprise_id", name, parcelID = "parcel_id", floorSpaceM2 = "floor_space_m2"
        case tax = "tax_yuan", valueAdded = "value_added_yuan", sales = "sales_yuan", rd = "rd_yuan"
        case investment = "investment_yuan", energyTCE = "energy_tce", emissionsT = "emissions_t", employees
        case safetyIncidents = "safety_incidents", environmentIncidents = "environment_incidents"
        case majorSafetyIncidents = "major_safety_incidents", majorEnvironmentIncidents = "major_environment_incidents"
    }
}

/// What an enterprise import did.
public struct EnterpriseImportSummary: Equatable, Sendable, Codable {
    public var year: Int
    public var enterprises = 0
    public var rows = 0
    /// Rows of that year the file's enterprises had before, now replaced.
    public var replaced = 0
}

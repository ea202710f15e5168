/// Industry codes a demand and a zone policy use (the seeds' leading industries and the energy- and
/// emission-intensive ones, 两高, that zones refuse). The snake_case code or the Chinese name is accepted.
public enum Industry: String, CaseIterable, Codable, Sendable {
    case lithiumBattery = "lithium_battery"
    case energyStorage = "energy_storage"
    case electronicInformation = "electronic_information"
    case highEndEquipment = "high_end_equipment"
    case biomedicine
    case newMaterials = "new_materials"
    case photovoltaic
    case newEnergyVehicles = "new_energy_vehicles"
    case autoParts = "auto_parts"
    case software
    case logistics
    case foodProcessing = "food_processing"
    case textiles
    case buildingMaterials = "building_materials"
    case chemicals
    case steel
    case nonferrousSmelting = "nonferrous_smelting"
    case cement

    public var chineseName: String {
        switch self {
        case .lithiumBattery: return "锂电池"
        case .energyStorage: return "储能"
        case .electronicInformation: return "电子信息"
        case .highEndEquipment: return "高端装备"
        case .biomedicine: return "生物医药"
        case .newMaterials: return "新材料"
        case .photovoltaic: return "光伏"
        case .newEnergyVehicles: return "新能源汽车"
        case .autoParts: return "汽车零部件"
        case .software: return "软件和信息服务"
        case .logistics: return "现代物流"
        case .foodProcessing: return "农副食品加工"
        case .textiles: return "纺织"
        case .buildingMaterials: return "建材"
        case .chemicals: return "化工"
        case .steel: return "钢铁"
        case .nonferrousSmelting: return "有色金属冶炼"
        case .cement: return "水泥"
        }
    }

    public init?(text: String) {
        if let i = Industry(rawValue: text) { self = i; return }
        guard let i = Industry.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = i
    }

    static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

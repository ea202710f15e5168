/// Where a parcel stands in the idle-land lifecycle.
public enum ParcelStatus: String, CaseIterable, Codable, Sendable {
    /// 批而未供 — approved for construction but not yet supplied.
    case approvedNotSupplied = "approved_not_supplied"
    /// 闲置 — supplied but not used (idle land).
    case idle
    /// 低效 — inefficiently used.
    case inefficient
    /// 收回中 — recovery under way.
    case underRecovery = "under_recovery"
    /// 收回 — land use right recovered.
    case recovered
    /// 盘活 — revitalized: re-let, re-sold, leased, capital increase.
    case revitalized
    /// 已供新项目 — assigned to a new project.
    case assigned

    public var chineseName: String {
        switch self {
        case .approvedNotSupplied: return "批而未供"
        case .idle: return "闲置"
        case .inefficient: return "低效"
        case .underRecovery: return "收回中"
        case .recovered: return "收回"
        case .revitalized: return "盘活"
        case .assigned: return "已供新项目"
        }
    }

    /// Accepts the snake_case name or the Chinese term.
    public init?(text: String) {
        if let s = ParcelStatus(rawValue: text) { self = s; return }
        guard let s = ParcelStatus.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = s
    }
}

/// How idle land or floor space was disposed of.
public enum DisposalMethod: String, CaseIterable, Codable, Sendable {
    /// 收回土地使用权 — recovery of the land use right.
    case landRecovery = "land_recovery"
    /// 收购 — acquisition.
    case acquisition
    /// 租赁 — lease.
    case lease
    /// 增资扩股 — capital increase / equity.
    case capitalIncrease = "capital_increase"
    /// 置换 — swap.
    case swap
    /// 债务重组 / 司法重整 — debt or judicial restructuring.
    case restructuring

    public var chineseName: String {
        switch self {
        case .landRecovery: return "收回土地使用权"
        case .acquisition: return "收购"
        case .lease: return "租赁"
        case .capitalIncrease: return "增资扩股"
        case .swap: return "置换"
        case .restructuring: return "重组"
        }
    }

    public init?(text: String) {
        if let s = DisposalMethod(rawValue: text) { self = s; return }
        guard let s = DisposalMethod.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = s
    }
}

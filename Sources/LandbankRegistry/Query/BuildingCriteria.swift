import LandbankLifecycle

/// What a site seeker asks of a factory building (厂房). Every criterion set must hold (AND); a building whose
/// column is empty does not meet a criterion on that column (an unknown clear height is not "at least 8 m").
public struct BuildingCriteria: Sendable, Equatable {
    public var minVacantM2: Double?
    public var minClearHeightM: Double?
    public var minFloorLoadKNm2: Double?
    public var minPowerKVA: Double?
    public var minCraneT: Double?
    /// Only standard factory buildings (标准厂房) when true; false asks nothing.
    public var standardFactory: Bool
    /// Available on or before this date (`available_from` ≤ it); a building with no date does not qualify.
    public var availableBy: CivilDate?
    /// A building whose clear height, floor load, power, crane or date is not known meets the criterion on it
    /// (the matcher's view: missing data rank a site lower, they never hide it). Asks nothing by itself.
    public var orUnknown = false

    public init(minVacantM2: Double? = nil, minClearHeightM: Double? = nil, minFloorLoadKNm2: Double? = nil,
                minPowerKVA: Double? = nil, minCraneT: Double? = nil, standardFactory: Bool = false,
                availableBy: CivilDate? = nil) {
        self.minVacantM2 = minVacantM2
        self.minClearHeightM = minClearHeightM
        self.minFloorLoadKNm2 = minFloorLoadKNm2
        self.minPowerKVA = minPowerKVA
        self.minCraneT = minCraneT
        self.standardFactory = standardFactory
        self.availableBy = availableBy
    }

    public var isEmpty: Bool {
        var asked = self
        asked.orUnknown = false
        return asked == BuildingCriteria()
    }

    /// Whether a building meets every criterion (the definition the SQL below must agree with).
    public func matches(_ b: Building) -> Bool {
        func atLeast(_ v: Double?, _ min: Double?, _ unknown: Bool = false) -> Bool { min.map { m in v.map { $0 >= m } ?? unknown } ?? true }
        return atLeast(b.vacantFloorAreaM2, minVacantM2) && atLeast(b.clearHeightM, minClearHeightM, orUnknown)
            && atLeast(b.floorLoadKNm2, minFloorLoadKNm2, orUnknown) && atLeast(b.powerKVA, minPowerKVA, orUnknown)
            && atLeast(b.craneT, minCraneT, orUnknown) && (!standardFactory || b.standardFactory)
            && availableBy.map { by in b.availableFrom.map { $0 <= by } ?? orUnknown } ?? true
    }

}

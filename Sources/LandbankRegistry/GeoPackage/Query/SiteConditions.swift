import LandbankLifecycle

/// Conditions on a site index (`SiteIndex`, alias `r`) implied by a query's attribute filters: each a bound on
/// one attribute dimension, so that the R*Tree skips the boxes that cannot match. They select a superset (the
/// tree's float32 bounds are rounded outward, an empty value is stored below every minimum); the exact
/// conditions on the table decide.
struct SiteConditions {
    var conditions: [(String, Double)] = []

    var isEmpty: Bool { conditions.isEmpty }

    /// The value of attribute `name` is at least `value`.
    mutating func atLeast(_ name: String, _ value: Double?) {
        if let value { conditions.append(("r.max_\(name) >= ?", value)) }
    }

    /// The value of attribute `name` (buildings: an unknown one is stored above every value) is at least
    /// `value`, or unknown when `orUnknown`.
    mutating func atLeast(_ name: String, _ value: Double?, orUnknown: Bool) {
        guard let value else { return }
        atLeast(name, value)
        if !orUnknown { conditions.append(("r.min_\(name) <= ?", SiteIndex.unknownAbove)) }
    }

    /// The value of attribute `name` is at most `value`.
    mutating func atMost(_ name: String, _ value: Double?) {
        if let value { conditions.append(("r.min_\(name) <= ?", value)) }
    }
}

extension ParcelQuery {
    /// The site-index conditions of the mu bounds, on the same area the exact condition reads.
    func siteConditions(projected: Bool) -> SiteConditions {
        var s = SiteConditions()
        let name = projected ? "cadastral_mu" : "ellipsoidal_mu"
        s.atLeast(name, minMu)
        s.atMost(name, maxMu)
        // The statuses asked for (both filters must hold: those in both), as the range of their codes.
        var wanted = statuses.map(Set.init) ?? Set(ParcelStatus.allCases)
        if let status { wanted.formIntersection([status]) }
        let codes = SiteIndex.statusCodes.indices.filter { wanted.contains(SiteIndex.statusCodes[$0]) }
        if (status != nil || statuses != nil), let lo = codes.first, let hi = codes.last {
            s.atLeast("status", Double(lo))
            s.atMost("status", Double(hi))
        }
        return s
    }
}

extension BuildingCriteria {
    /// The site-index conditions of the criteria the buildings' index holds (vacant area, clear height, power).
    var siteConditions: SiteConditions {
        var s = SiteConditions()
        s.atLeast("vacant_m2", minVacantM2, orUnknown: false)
        s.atLeast("clear_height_m", minClearHeightM, orUnknown: orUnknown)
        s.atLeast("power_kva", minPowerKVA, orUnknown: orUnknown)
        return s
    }
}

import GRDB
import LandbankLifecycle

/// The query values as SQL on the GeoPackage's tables: the attribute conditions that the B-tree indexes
/// (migration 5) serve.
extension ParcelQuery {
    /// SQL conditions on `parcels p` for the attribute and building filters, joined by AND ("1" when none).
    func attributeSQL(projected: Bool) -> (String, StatementArguments) {
        var conditions: [String] = []
        var args: StatementArguments = []
        func add(_ sql: String, _ value: DatabaseValueConvertible) { conditions.append(sql); args += [value] }
        if let status { add("p.status = ?", status.rawValue) }
        if let statuses { conditions.append(Self.anyOf("p.status", statuses.map(\.rawValue), &args)) }
        if let zone { add("p.zone = ?", zone) }
        if let zones { conditions.append(Self.anyOf("p.zone", zones, &args)) }
        if let landUse { add("p.land_use = ?", landUse) }
        let mu = projected ? "p.cadastral_area_mu" : "p.ellipsoidal_area_mu"
        if let minMu { add("\(mu) >= ?", minMu) }
        if let maxMu { add("\(mu) <= ?", maxMu) }
        let b = buildings.conditions("b")
        if !b.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM buildings b WHERE b.parcel_id = p.parcel_id AND "
                + b.map { $0.0 }.joined(separator: " AND ") + ")")
            for (_, v) in b { args += [v] }
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), args)
    }

    /// The zones a parcel must lie in (`zone` and `zones` together), or nil when any will do.
    var requiredZones: [String]? {
        switch (zone, zones) {
        case (nil, nil): nil
        case (let z?, nil): [z]
        case (nil, let all?): all
        case (let z?, let all?): all.contains(z) ? [z] : []
        }
    }

    /// `column IN (?, …)` for the values, statuses or zones ("0" for none).
    static func anyOf(_ column: String, _ values: [String], _ args: inout StatementArguments) -> String {
        if values.isEmpty { return "0" }
        for v in values { args += [v] }
        return "\(column) IN (" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
    }
}

extension BuildingQuery {
    /// SQL conditions on `buildings b JOIN parcels p` ("1" when none).
    func attributeSQL() -> (String, StatementArguments) {
        var conditions: [String] = []
        var args: StatementArguments = []
        for (sql, v) in criteria.conditions("b") { conditions.append(sql); args += [v] }
        if let status { conditions.append("b.status = ?"); args += [status.rawValue] }
        if let statuses { conditions.append(ParcelQuery.anyOf("b.status", statuses.map(\.rawValue), &args)) }
        if let parcelZone { conditions.append("p.zone = ?"); args += [parcelZone] }
        if let parcelStatus { conditions.append("p.status = ?"); args += [parcelStatus.rawValue] }
        if let parcelID { conditions.append("b.parcel_id = ?"); args += [parcelID] }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), args)
    }
}

extension BuildingCriteria {
    /// The criteria as SQL conditions on the buildings table under `alias`; each column has a B-tree index
    /// (migration 5). Dates are stored as `YYYY-MM-DD`, so text order is date order.
    func conditions(_ alias: String) -> [(String, DatabaseValueConvertible)] {
        var out: [(String, DatabaseValueConvertible)] = []
        let minimums: [(String, Double?)] = [
            ("vacant_floor_area_m2", minVacantM2), ("clear_height_m", minClearHeightM),
            ("floor_load_kn_m2", minFloorLoadKNm2), ("power_kva", minPowerKVA), ("crane_t", minCraneT),
        ]
        for (column, value) in minimums {
            guard let value else { continue }
            let unknown = orUnknown && column != "vacant_floor_area_m2" ? " OR \(alias).\(column) IS NULL" : ""
            out.append(("(\(alias).\(column) >= ?\(unknown))", value))
        }
        if standardFactory { out.append(("\(alias).standard_factory = ?", 1)) }
        if let availableBy {
            out.append(("(\(alias).available_from <= ?\(orUnknown ? " OR \(alias).available_from IS NULL" : ""))", availableBy.description))
        }
        return out
    }
}

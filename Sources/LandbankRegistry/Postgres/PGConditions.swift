import LandbankLifecycle

/// SQL conditions joined by AND with their parameters, numbered `$1`, `$2`… as they are added: a query's
/// attribute filters as PostgreSQL conditions, each served by a B-tree of `PGSchema`.
struct PGConditions {
    private(set) var clauses: [String] = []
    private(set) var args: [PGEncodable?] = []

    /// Adds `template`, each `?` in it standing for `value` (the same parameter).
    mutating func add(_ template: String, _ value: PGEncodable) {
        args.append(value)
        clauses.append(template.replacingOccurrences(of: "?", with: "$\(args.count)"))
    }

    /// The next parameter's placeholder, for a condition written by hand.
    mutating func parameter(_ value: PGEncodable?) -> String {
        args.append(value)
        return "$\(args.count)"
    }

    /// `column IN ($n, …)` for the values, statuses or zones (FALSE for none).
    mutating func anyOf(_ column: String, _ values: [String]) {
        let list = values.map { parameter($0) }
        clauses.append(list.isEmpty ? "FALSE" : "\(column) IN (\(list.joined(separator: ", ")))")
    }

    var sql: String { clauses.isEmpty ? "TRUE" : clauses.joined(separator: " AND ") }

    /// `ParcelQuery.attributeSQL`'s conditions on `parcels p`, for PostgreSQL.
    static func parcels(_ q: ParcelQuery, projected: Bool) -> PGConditions {
        var c = PGConditions()
        if let s = q.status { c.add("p.status = ?", s.rawValue) }
        if let s = q.statuses { c.anyOf("p.status", s.map(\.rawValue)) }
        if let z = q.zone { c.add("p.zone = ?", z) }
        if let z = q.zones { c.anyOf("p.zone", z) }
        if let l = q.landUse { c.add("p.land_use = ?", l) }
        let mu = projected ? "p.cadastral_area_mu" : "p.ellipsoidal_area_mu"
        if let v = q.minMu { c.add("\(mu) >= ?", v) }
        if let v = q.maxMu { c.add("\(mu) <= ?", v) }
        var b = PGConditions()
        b.args = c.args
        b.buildings(q.buildings, "b")
        if !b.clauses.isEmpty {
            c.args = b.args
            c.clauses.append("EXISTS (SELECT 1 FROM buildings b WHERE b.parcel_id = p.parcel_id AND \(b.sql))")
        }
        return c
    }

    /// `BuildingQuery.attributeSQL`'s conditions on `buildings b JOIN parcels p`.
    static func buildings(_ q: BuildingQuery) -> PGConditions {
        var c = PGConditions()
        c.buildings(q.criteria, "b")
        if let s = q.status { c.add("b.status = ?", s.rawValue) }
        if let s = q.statuses { c.anyOf("b.status", s.map(\.rawValue)) }
        if let z = q.parcelZone { c.add("p.zone = ?", z) }
        if let s = q.parcelStatus { c.add("p.status = ?", s.rawValue) }
        if let id = q.parcelID { c.add("b.parcel_id = ?", id) }
        return c
    }

    /// `BuildingCriteria.conditions` on the buildings under `alias`.
    mutating func buildings(_ k: BuildingCriteria, _ alias: String) {
        let minimums: [(String, Double?)] = [
            ("vacant_floor_area_m2", k.minVacantM2), ("clear_height_m", k.minClearHeightM),
            ("floor_load_kn_m2", k.minFloorLoadKNm2), ("power_kva", k.minPowerKVA), ("crane_t", k.minCraneT),
        ]
        for (column, value) in minimums {
            guard let value else { continue }
            let unknown = k.orUnknown && column != "vacant_floor_area_m2" ? " OR \(alias).\(column) IS NULL" : ""
            add("(\(alias).\(column) >= ?\(unknown))", value)
        }
        if k.standardFactory { add("\(alias).standard_factory = ?", 1) }
        if let d = k.availableBy { add("(\(alias).available_from <= ?\(k.orUnknown ? " OR \(alias).available_from IS NULL" : ""))", d.description) }
    }
}

import Foundation
import Hummingbird
import LandbankGeometry
import LandbankLifecycle
import LandbankRegistry

/// A request's query parameters, read with the names the OpenAPI document gives. A parameter this endpoint
/// does not know, or a value that does not parse, is a 400 naming it: a typo never widens a search silently.
struct QueryParameters {
    let values: [String: String]

    init(_ request: Request, allowed: Set<String>) throws {
        var v: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let k = String(key)
            guard allowed.contains(k) else {
                throw APIError.badRequest("unknown query parameter \"\(k.prefix(40))\" (this endpoint takes: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard v[k] == nil else { throw APIError.badRequest("query parameter \(k) is given twice") }
            v[k] = String(value)
        }
        values = v
    }

    func string(_ k: String) -> String? { values[k].flatMap { $0.isEmpty ? nil : $0 } }

    func double(_ k: String) throws -> Double? {
        guard let s = string(k) else { return nil }
        guard let d = Double(s), d.isFinite else { throw APIError.badRequest("\(k): \"\(s.prefix(40))\" is not a number") }
        return d
    }

    /// A measure that may not be negative (areas, heights, power).
    func measure(_ k: String) throws -> Double? {
        guard let d = try double(k) else { return nil }
        guard d >= 0 else { throw APIError.badRequest("\(k): \(d) is below 0") }
        return d
    }

    func int(_ k: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let s = string(k) else { return nil }
        guard let n = Int(s), range.contains(n) else {
            throw APIError.badRequest("\(k): \"\(s.prefix(40))\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func bool(_ k: String) throws -> Bool {
        guard let s = string(k) else { return false }
        switch s.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("\(k): \"\(s.prefix(40))\" is not true or false")
        }
    }

    func status(_ k: String = "status") throws -> ParcelStatus? {
        guard let s = string(k) else { return nil }
        guard let v = ParcelStatus(text: s) else {
            throw APIError.badRequest("\(k): \"\(s.prefix(40))\" is not a status (\(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return v
    }

    func date(_ k: String) throws -> CivilDate? {
        guard let s = string(k) else { return nil }
        guard let d = CivilDate(s) else { throw APIError.badRequest("\(k): \"\(s.prefix(40))\" is not a date YYYY-MM-DD") }
        return d
    }

    func numbers(_ k: String, count: Int) throws -> [Double]? {
        guard let s = string(k) else { return nil }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == count, parts.allSatisfy({ $0?.isFinite == true }) else {
            throw APIError.badRequest("\(k): \"\(s.prefix(60))\" is not \(count) numbers separated by commas")
        }
        return parts.map { $0! }
    }

    /// `near=LON,LAT` with `within_km=K`, both or neither.
    func near() throws -> NearPoint? {
        let point = try numbers("near", count: 2)
        let km = try double("within_km")
        switch (point, km) {
        case (nil, nil): return nil
        case (nil, _?): throw APIError.badRequest("within_km needs near=LON,LAT")
        case (_?, nil): throw APIError.badRequest("near needs within_km (the radius in km)")
        case (let p?, let k?): return NearPoint(lon: p[0], lat: p[1], withinKm: k)
        }
    }

    /// The building criteria of a site search.
    func buildingCriteria() throws -> BuildingCriteria {
        BuildingCriteria(minVacantM2: try measure("min_vacant_m2"), minClearHeightM: try measure("min_clear_height"),
                         minFloorLoadKNm2: try measure("min_floor_load"), minPowerKVA: try measure("min_power_kva"),
                         minCraneT: try measure("min_crane_t"), standardFactory: try bool("standard_factory"),
                         availableBy: try date("available_by"))
    }

    static let buildingKeys: Set<String> = ["min_vacant_m2", "min_clear_height", "min_floor_load", "min_power_kva",
                                             "min_crane_t", "standard_factory", "available_by"]
    /// The filters of `landbank list`.
    static let parcelFilterKeys: Set<String> = buildingKeys.union(["status", "zone", "land_use", "min_mu", "max_mu", "bbox",
                                                                   "near", "within_km"])

    /// The `list` filters as a query (no sort, limit or page).
    func parcelQuery() throws -> ParcelQuery {
        let box = try numbers("bbox", count: 4).map { BoundingBox(minX: $0[0], minY: $0[1], maxX: $0[2], maxY: $0[3]) }
        return ParcelQuery(status: try status(), zone: string("zone"), landUse: string("land_use"), minMu: try measure("min_mu"),
                           maxMu: try measure("max_mu"), bbox: box, near: try near(), buildings: try buildingCriteria())
    }
}

import Foundation

/// What the `public` role sees of a record: the members of a whitelist, so that a member added to a record
/// later stays private until someone decides to publish it. Holders (a parcel's or building's name is often
/// the holder's), contracts, money (rent, prices, amounts), history and the input's other properties are not
/// on any list.
enum PublishedView {
    static let parcel: Set<String> = ["parcel_id", "zone", "land_use", "status", "disposal_method", "cadastral_area_m2",
                                      "cadastral_area_mu", "ellipsoidal_area_m2", "ellipsoidal_area_mu", "areas_stale",
                                      "distance_km"]
    static let building: Set<String> = ["building_id", "parcel_id", "floor_area_m2", "storeys", "clear_height_m",
                                        "floor_load_kn_m2", "power_kva", "crane_t", "structure", "year_built",
                                        "standard_factory", "vacant_floor_area_m2", "available_from", "status",
                                        "footprint_area_m2", "footprint_ellipsoidal_area_m2", "distance_km"]
    static let detail: Set<String> = ["parcel", "crs", "ellipsoid", "parts", "holes", "vertices", "envelope", "centroid",
                                      "buildings", "floor_area_m2"]
    /// The members of an exported feature's properties the public map shows.
    static let feature: Set<String> = parcel.union(building).subtracting(["distance_km"])

    /// An encoded record with only the listed members (nested under `nested` by their own list).
    static func keep<T: Encodable>(_ value: T, _ allowed: Set<String>, nested: [String: Set<String>] = [:]) throws -> JSONAny {
        let object = try JSONSerialization.jsonObject(with: JSONResponse.encoder().encode(value))
        return .raw(try JSONSerialization.data(withJSONObject: filter(object, allowed, nested: nested),
                                               options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    static func filter(_ object: Any, _ allowed: Set<String>, nested: [String: Set<String>]) -> Any {
        guard let dict = object as? [String: Any] else { return object }
        var out: [String: Any] = [:]
        for (k, v) in dict where allowed.contains(k) {
            out[k] = nested[k].map { filter(v, $0, nested: [:]) } ?? v
        }
        return out
    }
}

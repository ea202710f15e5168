/// Reads typed values from a JSON object, each error naming the subject and the (dotted) key.
struct KeyReader {
    let object: [String: JSONTree]
    let subject: String
    var prefix = ""

    init(_ object: [String: JSONTree], subject: String, prefix: String = "") {
        self.object = object
        self.subject = subject
        self.prefix = prefix
    }

    func error(_ key: String, _ reason: String) -> MatchInputError {
        MatchInputError(subject: subject, key: prefix + key, reason: reason)
    }

    /// An unknown key throws, naming the first in sorted order and the keys known.
    func refuseUnknown(_ known: [String]) throws(MatchInputError) {
        if let bad = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw error(bad, "unknown key (known: \(known.joined(separator: ", ")))")
        }
    }

    /// A value, nil when the key is absent or null.
    func value(_ key: String) -> JSONTree? {
        guard let v = object[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws(MatchInputError) -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw error(key, "must be a string, not \(v.kind)") }
        return s
    }

    func number(_ key: String) throws(MatchInputError) -> Double? {
        guard let v = value(key) else { return nil }
        guard case .number(let n) = v, n.isFinite else { throw error(key, "must be a number, not \(v.kind)") }
        return n
    }

    /// A figure that cannot be negative (an area, a height, money).
    func measure(_ key: String) throws(MatchInputError) -> Double? {
        guard let n = try number(key) else { return nil }
        guard n >= 0 else { throw error(key, "\(Figures.text(n)) is negative") }
        return n
    }

    /// A weight: a positive number.
    func weight(_ key: String) throws(MatchInputError) -> Double? {
        guard let n = try number(key) else { return nil }
        guard n > 0 else { throw error(key, "a weight must be a positive number, not \(Figures.text(n))") }
        return n
    }

    func strings(_ key: String) throws(MatchInputError) -> [String]? {
        guard let v = value(key) else { return nil }
        guard case .array(let items) = v else { throw error(key, "must be an array of strings, not \(v.kind)") }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item, !s.isEmpty else { throw error("\(key)[\(i)]", "must be a non-empty string, not \(item.kind)") }
            out.append(s)
        }
        if out.isEmpty { throw error(key, "is empty; leave the key out to allow any") }
        return out
    }

    /// {"min": …, "max": …}, either optional, both ≥ 0, min ≤ max.
    func bounds(_ key: String, unit: String) throws(MatchInputError) -> Demand.Bounds? {
        guard let v = value(key) else { return nil }
        guard case .object(let o) = v else { throw error(key, "must be an object {\"min\": …, \"max\": …}, not \(v.kind)") }
        let r = KeyReader(o, subject: subject, prefix: prefix + key + ".")
        try r.refuseUnknown(["min", "max"])
        let b = Demand.Bounds(min: try r.measure("min"), max: try r.measure("max"))
        if b.min == nil, b.max == nil { throw error(key, "gives neither min nor max") }
        if let lo = b.min, let hi = b.max, lo > hi {
            throw error(key, "min \(Figures.text(lo)) \(unit) is above max \(Figures.text(hi)) \(unit)")
        }
        if b.max == 0 { throw error(key + ".max", "is 0 \(unit); no site is that small") }
        return b
    }

    func near(_ key: String) throws(MatchInputError) -> Demand.Near? {
        guard let v = value(key) else { return nil }
        guard case .object(let o) = v else { throw error(key, "must be an object {\"lon\", \"lat\", \"max_km\"}, not \(v.kind)") }
        let r = KeyReader(o, subject: subject, prefix: prefix + key + ".")
        try r.refuseUnknown(["lon", "lat", "max_km"])
        guard let lon = try r.number("lon") else { throw r.error("lon", "is missing") }
        guard let lat = try r.number("lat") else { throw r.error("lat", "is missing") }
        guard let km = try r.number("max_km") else { throw r.error("max_km", "is missing") }
        guard (-180...180).contains(lon) else { throw r.error("lon", "\(Figures.text(lon)) is not a longitude (-180…180)") }
        guard (-90...90).contains(lat) else { throw r.error("lat", "\(Figures.text(lat)) is not a latitude (-90…90)") }
        guard km > 0, km <= 1000 else { throw r.error("max_km", "\(Figures.text(km)) km: give more than 0 and at most 1000 km") }
        return Demand.Near(lon: lon, lat: lat, maxKm: km)
    }
}

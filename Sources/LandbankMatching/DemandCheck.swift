import LandbankRegistry

/// The checks of a demand that need the registry: its point within the registry CRS's area of use, and the
/// zones it names (allowed or preferred) known to the registry (a parcel in it, or a policy for it).
public struct DemandCheck {
    let registry: Registry
    let book: PolicyBook
    private var known: [String: Bool] = [:]

    public init(registry: Registry, book: PolicyBook) {
        self.registry = registry
        self.book = book
    }

    /// Every problem of every demand (empty when all are good).
    public mutating func problems(_ demands: [Demand]) throws -> [MatchInputError] {
        var out: [MatchInputError] = []
        for d in demands { if let e = try problem(d) { out.append(e) } }
        return out
    }

    public mutating func problem(_ d: Demand) throws -> MatchInputError? {
        let subject = "demand \(d.id)"
        if let n = d.near, let area = registry.crs.areaOfUse, !area.contains(lon: n.lon, lat: n.lat, margin: 1) {
            return MatchInputError(subject: subject, key: "near",
                reason: "lon \(Figures.text(n.lon, decimals: 7)), lat \(Figures.text(n.lat, decimals: 7)) lies outside the area of use of \(registry.crs.identifier) (\(area.summary)); are longitude and latitude swapped?")
        }
        for (i, z) in (d.zones ?? []).enumerated() where try !isKnown(z) {
            return MatchInputError(subject: subject, key: "zones[\(i)]", reason: "unknown zone \"\(z.prefix(40))\": no parcel and no policy names it")
        }
        for z in d.prefer.zones.keys.sorted() where try !isKnown(z) {
            return MatchInputError(subject: subject, key: "prefer.zones.\(z)", reason: "unknown zone \"\(z.prefix(40))\": no parcel and no policy names it")
        }
        return nil
    }

    /// A zone is known when a policy names it or a parcel lies in it (one indexed lookup, remembered).
    public mutating func isKnown(_ zone: String) throws -> Bool {
        if book.policies[zone] != nil { return true }
        if let k = known[zone] { return k }
        let k = try !registry.findParcels(ParcelQuery(zone: zone, limit: 1)).hits.isEmpty
        known[zone] = k
        return k
    }
}

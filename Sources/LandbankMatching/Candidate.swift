/// A site the demand could take, with its score and the reasons in words. A batch assignment can use
/// `resources` (what the site uses up) and `score` as they are.
public struct Candidate: Sendable, Encodable {
    public var site: Site
    public var score: Double
    public var reliability: Double
    public var reasons: [String]
    /// The data the site lacks for the demand's criteria.
    public var missing: [String]

    public var parcels: [String] { site.parcelIDs }
    public var building: String? { site.building?.buildingID }
    public var resources: Set<String> { site.resources }

    enum CodingKeys: String, CodingKey {
        case kind, parcels, building, zones, areaMu = "area_mu", vacantFloorM2 = "vacant_floor_m2"
        case distanceKm = "distance_km", score, reliability, reasons, missing, compactness, resources
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(site.kind.rawValue, forKey: .kind)
        try c.encode(parcels, forKey: .parcels)
        try c.encode(building, forKey: .building)
        try c.encode(site.zones.compactMap { $0 }, forKey: .zones)
        try c.encode(Figures.rounded(site.areaMu, 3), forKey: .areaMu)
        try c.encode(site.vacantFloorM2, forKey: .vacantFloorM2)
        try c.encode(site.distanceKm.map { Figures.rounded($0, 3) }, forKey: .distanceKm)
        try c.encode(score, forKey: .score)
        try c.encode(Figures.rounded(reliability, 3), forKey: .reliability)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(missing, forKey: .missing)
        try c.encodeIfPresent(site.shape.map { Figures.rounded($0.compactness, 3) }, forKey: .compactness)
        try c.encode(resources.sorted(), forKey: .resources)
    }
}

/// What would change the answer: a site that fails one requirement only, a relaxation that adds sites, a
/// neighbouring parcel that would make a site big enough, or the requirement that emptied the list.
public struct NearMiss: Sendable, Encodable {
    public enum Kind: String, Sendable, Encodable { case emptied, site, relaxation, adjacent }

    public var kind: Kind
    public var requirement: String?
    public var text: String
    public var parcels: [String]?
    public var building: String?
    /// Sites the change would add (relaxations, emptied).
    public var adds: Int?
    /// The change of the demand's figure, in `unit`.
    public var change: Double?
    public var unit: String?
    /// How small the change is (relative to the demand's figure): the order of the list.
    var rank: Double

    enum CodingKeys: String, CodingKey { case kind, requirement, text, parcels, building, adds, change, unit }
}

/// The answer to one demand.
public struct MatchAnswer: Sendable, Encodable {
    public var demand: String
    public var name: String?
    public var candidates: [Candidate]
    /// For each hard requirement the demand states: the available sites that fail it and nothing else (the
    /// sites relaxing it alone would add).
    public var excluded: [String: Int]
    public var nearMisses: [NearMiss]
    public var assembly: AssemblyReport?
    /// The statuses offered (per zone policy; these are the defaults and every zone's own).
    public var landStatuses: [String]
    public var floorStatuses: [String]

    enum CodingKeys: String, CodingKey {
        case demand, name, candidates, excluded, nearMisses = "near_misses", assembly
        case landStatuses = "land_statuses", floorStatuses = "floor_statuses"
    }
}

/// How joined sites were searched for one demand.
public struct AssemblyReport: Sendable, Encodable {
    /// Available parcels that could be parts (meeting every requirement but the area), and joined sets found.
    public var parts: Int
    public var sets: Int
    public var toleranceM: Double
    public var maxParcels: Int
    /// Every connected set of at most `max_parcels` parts in the range was considered (walked nearest first:
    /// every set that could rank among the candidates).
    public var exact: Bool
    /// Walked nearest first (`JoinedSites.nearestFirst`): `parts` are those read, `sets` those judged. Not encoded.
    public var nearestFirst = false

    enum CodingKeys: String, CodingKey { case parts, sets, toleranceM = "tolerance_m", maxParcels = "max_parcels", exact }
}

import LandbankGeometry
import LandbankRegistry

/// A site on offer: land (one parcel, or neighbouring parcels joined) or the vacant floor space of one building.
public struct Site: Sendable {
    public enum Kind: String, Sendable { case land, floorSpace = "floor_space" }

    public var kind: Kind
    /// The parcels forming the site; for floor space, the building's parcel.
    public var parcels: [Parcel]
    public var building: Building?
    /// Km on the ellipsoid from the demand's point to the site's nearest edge (nil: no point, or not measured).
    public var distanceKm: Double?
    /// The union of a joined site's parcels (nil for a single parcel and for floor space).
    public var shape: UnionShape?

    init(land parcels: [Parcel], distanceKm: Double?) {
        kind = .land
        self.parcels = parcels
        self.distanceKm = distanceKm
    }

    init(floor building: Building, on parcel: Parcel, distanceKm: Double?) {
        kind = .floorSpace
        self.building = building
        parcels = [parcel]
        self.distanceKm = distanceKm
    }

    /// Cadastral area in mu, summed over the parcels (ellipsoidal in a geographic registry).
    public var areaMu: Double { parcels.reduce(0) { $0 + $1.siteMu } }
    public var vacantFloorM2: Double? { building?.vacantFloorAreaM2 }
    public var parcelIDs: [String] { parcels.map(\.parcelID) }
    /// The distinct zones of the site's parcels, in order (nil: a parcel without zone).
    var zones: [String?] {
        var out: [String?] = []
        for p in parcels where !out.contains(p.zone) { out.append(p.zone) }
        return out
    }

    /// What the site uses up, for a joint assignment: "parcel:ID" for each parcel of a land site, "building:ID"
    /// for floor space (two buildings on one parcel can be let to two investors).
    public var resources: Set<String> {
        if let building { return ["building:" + building.buildingID] }
        return Set(parcels.map { "parcel:" + $0.parcelID })
    }

    /// One key per site: its kind and ids.
    var key: String { building.map { "B:" + $0.buildingID } ?? "L:" + parcelIDs.sorted().joined(separator: "+") }
}

extension Parcel {
    /// The area a site counts: cadastral mu (ellipsoidal in a geographic registry, which has no cadastral area).
    var siteMu: Double { cadastralAreaMu ?? ellipsoidalAreaMu }
}

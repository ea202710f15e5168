import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// One parcel (宗地) of the registry, as stored. Areas are computed by landbank on import, never read from input.
public struct Parcel: Sendable, Encodable {
    public var fid: Int64
    public var parcelID: String
    public var name: String?
    public var zone: String?
    public var landUse: String?
    public var status: ParcelStatus?
    public var disposalMethod: DisposalMethod?
    /// Planar area in the registry's projected CRS, m²; nil in a geographic registry.
    public var cadastralAreaM2: Double?
    /// Area on the CRS's ellipsoid, m² (Karney).
    public var ellipsoidalAreaM2: Double
    /// The input's other properties, as a JSON object text.
    public var properties: String
    public var importedAt: String
    /// The geometry was changed outside landbank and not measured since: the stored areas are stale.
    public var areasStale: Bool

    public var cadastralAreaMu: Double? { cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres) }
    public var ellipsoidalAreaMu: Double { AreaUnit.mu.fromSquareMetres(ellipsoidalAreaM2) }

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", name, zone, landUse = "land_use", status, disposalMethod = "disposal_method"
        case cadastralAreaM2 = "cadastral_area_m2", cadastralAreaMu = "cadastral_area_mu"
        case ellipsoidalAreaM2 = "ellipsoidal_area_m2", ellipsoidalAreaMu = "ellipsoidal_area_mu"
        case importedAt = "imported_at", areasStale = "areas_stale"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parcelID, forKey: .parcelID)
        try c.encode(name, forKey: .name)
        try c.encode(zone, forKey: .zone)
        try c.encode(landUse, forKey: .landUse)
        try c.encode(status, forKey: .status)
        try c.encode(disposalMethod, forKey: .disposalMethod)
        try c.encode(cadastralAreaM2, forKey: .cadastralAreaM2)
        try c.encode(cadastralAreaMu, forKey: .cadastralAreaMu)
        try c.encode(ellipsoidalAreaM2, forKey: .ellipsoidalAreaM2)
        try c.encode(ellipsoidalAreaMu, forKey: .ellipsoidalAreaMu)
        try c.encode(importedAt, forKey: .importedAt)
        try c.encode(areasStale, forKey: .areasStale)
    }

}

/// Which parcels a listing, export or report covers.
public struct ParcelFilter: Sendable {
    public var status: ParcelStatus?
    public var zone: String?

    public init(status: ParcelStatus? = nil, zone: String? = nil) {
        self.status = status
        self.zone = zone
    }

}

extension Registry {
    public func parcels(_ filter: ParcelFilter = ParcelFilter(), limit: Int? = nil) throws -> [Parcel] {
        var out: [Parcel] = []
        try store.read { try $0.forEachParcel(filter, limit: limit) { out.append($0) } }
        return out
    }

    /// Calls `body` with every parcel the filter selects, by parcel id, without holding them all in memory.
    public func forEachParcel(_ filter: ParcelFilter = ParcelFilter(), _ body: (Parcel) throws -> Void) throws {
        try store.read { try $0.forEachParcel(filter, limit: nil, body) }
    }

    /// A parcel with its geometry in the registry's CRS, or nil when no parcel has that id.
    public func parcel(id: String) throws -> (parcel: Parcel, geometry: MultiPolygon)? {
        try store.read { try $0.parcel(id: id) }
    }

    /// A parcel with a summary of its geometry, for `landbank show`.
    public func parcelDetail(id: String) throws -> ParcelDetail? {
        guard let (p, g) = try parcel(id: id) else { return nil }
        let toLonLat = try transformation(from: store.crsDefinition, to: "EPSG:4326")
        let buildings = try buildings(parcelID: id)
        return ParcelDetail(
            parcel: p, crs: crs.identifier, ellipsoid: try crs.ellipsoid().name,
            parts: g.polygons.count, holes: g.polygons.reduce(0) { $0 + $1.holes.count },
            vertices: g.pointCount, envelope: g.boundingBox,
            centroidLonLat: try toLonLat.transform(Centroid.of(g)),
            buildings: buildings.map(\.buildingID), floorAreaM2: buildings.reduce(0) { $0 + $1.floorAreaM2 },
            contracts: try contracts(parcelID: id), lastEvent: try history(of: Subject(.parcel, id)).last)
    }
}

/// A parcel and what `show` says about its geometry.
public struct ParcelDetail: Sendable, Encodable {
    public var parcel: Parcel
    public var crs: String
    public var ellipsoid: String
    public var parts: Int
    public var holes: Int
    public var vertices: Int
    public var envelope: BoundingBox
    public var centroidLonLat: Point
    /// The buildings on the parcel and their total floor area, its supply contracts, its latest event.
    public var buildings: [String]
    public var floorAreaM2: Double
    public var contracts: [StoredContract]
    public var lastEvent: HistoryEvent?

    enum CodingKeys: String, CodingKey {
        case parcel, crs, ellipsoid, parts, holes, vertices, envelope, centroid, buildings
        case floorAreaM2 = "floor_area_m2", contracts, lastEvent = "last_event"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parcel, forKey: .parcel)
        try c.encode(crs, forKey: .crs)
        try c.encode(ellipsoid, forKey: .ellipsoid)
        try c.encode(parts, forKey: .parts)
        try c.encode(holes, forKey: .holes)
        try c.encode(vertices, forKey: .vertices)
        try c.encode([envelope.minX, envelope.minY, envelope.maxX, envelope.maxY], forKey: .envelope)
        try c.encode([centroidLonLat.x, centroidLonLat.y], forKey: .centroid)
        try c.encode(buildings, forKey: .buildings)
        try c.encode(floorAreaM2, forKey: .floorAreaM2)
        try c.encode(contracts, forKey: .contracts)
        try c.encode(lastEvent, forKey: .lastEvent)
    }
}

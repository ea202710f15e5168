import LandbankGeometry
import LandbankLifecycle

/// A feature exactly as stored, for copying a registry between stores: its record, its geometry in the
/// registry CRS, the digest of what landbank measured (nil while stale) and when it was imported.
struct FeatureRecord {
    enum Item {
        case parcel(Parcel)
        case building(Building)
    }
    var item: Item
    var geometry: MultiPolygon
    var digest: String?
    var importedAt: String

    var subject: Subject {
        switch item {
        case .parcel(let p): Subject(.parcel, p.parcelID)
        case .building(let b): Subject(.building, b.buildingID)
        }
    }
}

/// A replaced geometry kept in the history, as stored (its GeoPackage blob, its areas, its hash).
struct KeptGeometry {
    var id: Int64
    var subject: Subject
    var eventID: Int64
    var blob: [UInt8]
    var cadastralAreaM2: Double?
    var ellipsoidalAreaM2: Double
    var hash: String
}

/// A zone's admission policy with who set it and when.
struct ZonePolicyRecord {
    var zone: String
    var json: String
    var updatedAt: String
    var updatedBy: String
}

import GRDB
import LandbankLifecycle

/// A parcel row of the GeoPackage, decoded in this one place.
extension Parcel {
    enum Columns {
        static let all = "fid, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2, ellipsoidal_area_m2, properties, imported_at, geom_sha256"
    }

    init(row: Row) {
        fid = row["fid"]
        parcelID = row["parcel_id"]
        name = row["name"]
        zone = row["zone"]
        landUse = row["land_use"]
        status = (row["status"] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:))
        cadastralAreaM2 = row["cadastral_area_m2"]
        ellipsoidalAreaM2 = row["ellipsoidal_area_m2"]
        properties = row["properties"]
        importedAt = row["imported_at"]
        // Landbank writes the digest with every geometry it measures; the capture trigger clears it.
        areasStale = (row["geom_sha256"] as String?) == nil
    }
}

extension ParcelFilter {
    /// The filter as a WHERE clause on `parcels` (empty when it selects everything).
    var sql: (String, StatementArguments) {
        var clauses: [String] = []
        var args: StatementArguments = []
        if let status { clauses.append("status = ?"); args += [status.rawValue] }
        if let zone { clauses.append("zone = ?"); args += [zone] }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }
}

import GRDB
import LandbankLifecycle

/// A parcel row of the GeoPackage, decoded in this one place.
extension Parcel {
    enum Columns {
        static let all = "fid, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2, ellipsoidal_area_m2, properties, imported_at, geom_sha256"
    }

    /// Decodes a row that begins with `Columns.all`, in that order (every SELECT that decodes a parcel puts them
    /// first): by position, since looking up a column by name costs more than the value on a site search's rows.
    init(row: Row) {
        assert(row.columnNames.prefix(2).elementsEqual(["fid", "parcel_id"]), "a parcel row begins with Parcel.Columns.all")
        fid = row[0]
        parcelID = row[1]
        name = row[2]
        zone = row[3]
        landUse = row[4]
        status = (row[5] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row[6] as String?).flatMap(DisposalMethod.init(rawValue:))
        cadastralAreaM2 = row[7]
        ellipsoidalAreaM2 = row[8]
        properties = row[9]
        importedAt = row[10]
        // Landbank writes the digest with every geometry it measures; the capture trigger clears it.
        areasStale = row.hasNull(atIndex: 11)
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

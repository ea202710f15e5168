import GRDB
import LandbankLifecycle

/// A parcel row of the GeoPackage, decoded in this one place.
extension Parcel {
    enum Columns {
        static let all = "fid, parcel_id, name, zone, land_use, status, disposal_method, cadastral_area_m2, ellipsoidal_area_m2, properties, imported_at, geom_sha256"
    }

    /// Decodes a row that begins with `Columns.all`, in that order (every SELECT that decodes a parcel puts them
    /// first): by position, since looking up a column by name costs more than the value on a site search's rows.
    /// `at`: where the parcel's columns begin (after a building's, when a building search reads its parcel too).
    init(row: Row, at i: Int = 0) {
        assert(row.columnNames.dropFirst(i).prefix(2).elementsEqual(["fid", "parcel_id"]) || i > 0,
               "a parcel row begins with Parcel.Columns.all")
        fid = row[i]
        parcelID = row[i + 1]
        name = row[i + 2]
        zone = row[i + 3]
        landUse = row[i + 4]
        status = (row[i + 5] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row[i + 6] as String?).flatMap(DisposalMethod.init(rawValue:))
        cadastralAreaM2 = row[i + 7]
        ellipsoidalAreaM2 = row[i + 8]
        properties = row[i + 9]
        importedAt = row[i + 10]
        // Landbank writes the digest with every geometry it measures; the capture trigger clears it.
        areasStale = row.hasNull(atIndex: i + 11)
    }

    /// How many columns `Columns.all` has.
    static let columnCount = Columns.all.split(separator: ",").count
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

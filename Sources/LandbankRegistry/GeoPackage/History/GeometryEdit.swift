import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

extension GeoPackageStore {
    /// Writes a measured geometry over the subject's: the blob, its SHA-256, both areas (and mu for a parcel);
    /// the spatial index follows through the GeoPackage triggers, the layer's extent is widened.
    static func store(_ out: FeatureProcessor.Output, of subject: Subject, in db: Database) throws {
        let k = subject.kind
        let (cad, ell) = k.areaColumns
        var sets = "geom = ?, geom_sha256 = ?, \(cad) = ?, \(ell) = ?"
        var args: StatementArguments = [Data(out.blob), out.digest, out.cadastralAreaM2, out.ellipsoidalAreaM2]
        if k == .parcel {
            sets += ", cadastral_area_mu = ?, ellipsoidal_area_mu = ?"
            args += [out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres), AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2)]
        }
        try db.execute(sql: "UPDATE \(k.table) SET \(sets) WHERE \(k.idColumn) = ?", arguments: args + [subject.id])
        try GeoPackageContents.widenExtent(of: k.table, by: out.envelope, in: db)
    }
}

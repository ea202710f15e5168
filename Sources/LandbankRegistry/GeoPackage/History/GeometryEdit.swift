import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

extension Registry {
    /// Replaces a parcel's or building's geometry. The new one goes through the same checks and measurements
    /// as an import; the previous geometry and its areas are kept in `geometry_history`, tied to a `geometry`
    /// event in the history. The spatial index follows through the GeoPackage triggers.
    @discardableResult
    public func replaceGeometry(of subject: Subject, with geometry: Geometry, crs crsText: String? = nil,
                                date: CivilDate, recordedBy: String, note: String? = nil) throws -> HistoryEvent {
        let source = try crsText.map(makeCRS) ?? crs
        let processor = try FeatureProcessor(source: source, registry: crs, srsID: srsID, fromGCJ02: false)
        let out: FeatureProcessor.Output
        do { out = try processor.process(geometry) } catch {
            throw LifecycleError(subject, ImportError(file: "new geometry", reason: error).reasonText)
        }
        let k = subject.kind
        let (cad, ell) = k.areaColumns
        return try write { db in
            let chain = try HistoryChain(db)
            guard let old = try Row.fetchOne(db, sql: "SELECT geom, \(cad), \(ell) FROM \(k.table) WHERE \(k.idColumn) = ?",
                                             arguments: [subject.id]) else {
                throw LifecycleError(subject, "no such \(k.rawValue) in the registry", notFound: true)
            }
            if k == .building {
                let parcelID = try String.fetchOne(db, sql: "SELECT parcel_id FROM buildings WHERE building_id = ?", arguments: [subject.id])!
                let blob = try Data.fetchOne(db, sql: "SELECT geom FROM parcels WHERE parcel_id = ?", arguments: [parcelID])!
                if let parcel = try blob.withUnsafeBytes({ try GeoPackageBinary.decode($0).geometry }),
                   try !processor.geos.covers(parcel, .multiPolygon(out.geometry), tolerance: BuildingWriter.tolerance) {
                    throw LifecycleError(subject, "the new footprint does not lie on parcel \(parcelID)")
                }
            }
            let change = Self.areaChange(k, before: (old[1] as Double?) ?? old[2], out)
            let event = try Self.append(NewEvent(subject: subject, date: date, recordedBy: recordedBy,
                                                 note: [note ?? "geometry replaced", change].joined(separator: "; ")),
                                        kind: .geometry, chain: chain, in: db)
            try chain.keepGeometry(GeometryContent(subject: subject, eventID: event.id, blob: old[0], cadastralAreaM2: old[1],
                                                   ellipsoidalAreaM2: old[2]))
            try Self.store(out, of: subject, in: db)
            return event
        }
    }

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

    /// "cadastral area 6134.92 → 11242.07 m²" (footprint for a building, ellipsoidal in a geographic registry).
    static func areaChange(_ k: Subject.Kind, before: Double?, _ out: FeatureProcessor.Output) -> String {
        let which = out.cadastralAreaM2 == nil ? "ellipsoidal" : (k == .parcel ? "cadastral" : "footprint")
        return String(format: "%@ area %.2f → %.2f m²", which, before ?? .nan, out.cadastralAreaM2 ?? out.ellipsoidalAreaM2)
    }
}

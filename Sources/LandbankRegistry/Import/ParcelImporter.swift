import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

public struct ImportOptions: Sendable {
    /// CRS of the input coordinates, overriding what the file declares.
    public var crs: String?
    /// The input is GCJ-02 lon/lat copied from a Chinese web map; convert it to WGS84 first.
    public var fromGCJ02 = false
    /// The property holding the parcel id, when it is not the feature id or an id/code property.
    public var idField: String?

    public init(crs: String? = nil, fromGCJ02: Bool = false, idField: String? = nil) {
        self.crs = crs
        self.fromGCJ02 = fromGCJ02
        self.idField = idField
    }
}

public struct ImportSummary: Sendable, Encodable {
    public var file: String
    public var sourceCRS: String
    public var imported: AreaTotals

    enum CodingKeys: String, CodingKey { case file, sourceCRS = "source_crs", imported }
}

extension Registry {
    /// Imports every feature of `source` in one transaction: all features or none.
    /// `progress` is called with the number of features read so far, every 10,000 features.
    public func importParcels(from source: FeatureSource, options: ImportOptions = ImportOptions(),
                              progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        func fail(_ reason: ImportError.Reason) -> ImportError { ImportError(file: source.name, reason: reason) }
        guard let crsText = options.crs ?? source.declaredCRS ?? source.defaultCRS else {
            throw fail(.crs("the file names no CRS; say which with --crs (e.g. --crs EPSG:4547)"))
        }
        let sourceCRS: CoordinateReferenceSystem
        do { sourceCRS = try makeCRS(crsText) } catch { throw fail(.crs("\(error)")) }
        if options.fromGCJ02 && sourceCRS.kind != .geographic {
            throw fail(.crs("--from-gcj02 needs longitude/latitude input, but the file is in \(sourceCRS.identifier)"))
        }
        let processor = try FeatureProcessor(source: sourceCRS, registry: crs, srsID: srsID, fromGCJ02: options.fromGCJ02)
        let importedAt = ISO8601DateFormatter().string(from: Date())
        var totals = Accumulator(projected: crs.kind == .projected)

        let pipeline = ImportPipeline(source: source, processor: processor, idField: options.idField)
        defer { pipeline.stop() }
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let firstFid = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'parcels'") ?? 0) + 1
                var index = try SpatialIndexLoader(db)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO parcels (geom, parcel_id, name, zone, land_use, status, disposal_method,
                      cadastral_area_m2, cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var count = 0
                pipeline.start()
                while let batch = pipeline.queue.pop() {
                    guard case .rows(let rows) = batch else {
                        if case .failed(let error) = batch { throw error }
                        continue
                    }
                    for row in rows {
                        let a = row.attributes, out = row.output
                        do {
                            try insert.execute(arguments: [
                                Data(out.blob), a.parcelID, a.name, a.zone, a.landUse,
                                a.status?.rawValue, a.disposalMethod?.rawValue,
                                out.cadastralAreaM2, out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres),
                                out.ellipsoidalAreaM2, AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2),
                                a.otherProperties, importedAt,
                            ])
                        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                            let existing = try Int64.fetchOne(db, sql: "SELECT fid FROM parcels WHERE parcel_id = ?",
                                                              arguments: [a.parcelID])
                            let first = existing.flatMap { $0 >= firstFid ? "feature \($0 - firstFid + 1)" : nil }
                            throw ImportError(file: source.name, position: row.position, featureID: a.parcelID,
                                              reason: .duplicateID(a.parcelID, firstPosition: first))
                        }
                        index.add(id: db.lastInsertedRowID, envelope: out.envelope)
                        totals.add(out.cadastralAreaM2, out.ellipsoidalAreaM2)
                        count += 1
                        if count % 10_000 == 0 { progress?(count) }
                    }
                }
                try index.finish()
                return .commit
            }
        }
        return ImportSummary(file: source.name, sourceCRS: sourceCRS.identifier, imported: totals.totals)
    }
}

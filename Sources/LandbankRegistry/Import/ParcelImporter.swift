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
                while true {
                    let feature: Feature
                    do {
                        guard let f = try source.next() else { break }
                        feature = f
                    } catch let e as ImportError {
                        throw e
                    } catch {
                        throw fail(.unreadable("\(error)"))
                    }
                    func featureError(_ r: ImportError.Reason, id: String? = nil) -> ImportError {
                        ImportError(file: source.name, position: source.position(of: feature), featureID: id ?? feature.id, reason: r)
                    }
                    let attributes: ParcelAttributes
                    let out: FeatureProcessor.Output
                    do throws(ImportError.Reason) {
                        attributes = try ParcelAttributes(feature, idField: options.idField)
                        guard let g = feature.geometry else { throw ImportError.Reason.missingGeometry }
                        out = try processor.process(g)
                    } catch {
                        throw featureError(error)
                    }
                    do {
                        try insert.execute(arguments: [
                            Data(out.blob), attributes.parcelID, attributes.name, attributes.zone, attributes.landUse,
                            attributes.status?.rawValue, attributes.disposalMethod?.rawValue,
                            out.cadastralAreaM2, out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres),
                            out.ellipsoidalAreaM2, AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2),
                            attributes.otherProperties, importedAt,
                        ])
                    } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                        let existing = try Int64.fetchOne(db, sql: "SELECT fid FROM parcels WHERE parcel_id = ?",
                                                          arguments: [attributes.parcelID])
                        let first = existing.flatMap { $0 >= firstFid ? "feature \($0 - firstFid + 1)" : nil }
                        throw featureError(.duplicateID(attributes.parcelID, firstPosition: first), id: attributes.parcelID)
                    }
                    index.add(id: db.lastInsertedRowID, envelope: out.envelope)
                    totals.add(out.cadastralAreaM2, out.ellipsoidalAreaM2)
                    count += 1
                    if count % 10_000 == 0 { progress?(count) }
                }
                try index.finish()
                return .commit
            }
        }
        return ImportSummary(file: source.name, sourceCRS: sourceCRS.identifier, imported: totals.totals)
    }
}

import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

extension GeoPackageStore {
    func importFeatures(_ source: FeatureSource, into layer: Layer, options: ImportOptions,
                        progress: ((Int) -> Void)?) throws -> ImportSummary {
        switch layer {
        case .parcels:
            return try runImport(source, options, kind: .parcels, progress: progress) { db, importedAt, firstFid, chain in
                try ParcelWriter(db: db, file: source.name, importedAt: importedAt, firstFid: firstFid, options: options, chain: chain)
            }
        case .buildings:
            return try runImport(source, options, kind: .buildings, progress: progress) { db, importedAt, _, chain in
                try BuildingWriter(db: db, file: source.name, importedAt: importedAt, options: options, chain: chain)
            }
        }
    }

    private func runImport(_ source: FeatureSource, _ options: ImportOptions, kind: ImportPipeline.Kind,
                           progress: ((Int) -> Void)?,
                           makeWriter: (Database, String, Int64, HistoryChain) throws -> any FeatureWriter) throws -> ImportSummary {
        func fail(_ reason: ImportError.Reason) -> ImportError { ImportError(file: source.name, reason: reason) }
        guard let crsText = options.crs ?? source.declaredCRS ?? source.defaultCRS else {
            throw fail(.crs("the file names no CRS; say which with --crs (e.g. --crs EPSG:4547)"))
        }
        let sourceCRS: CoordinateReferenceSystem
        do { sourceCRS = try ThreadGeodesy.current().crs(crsText) } catch { throw fail(.crs("\(error)")) }
        let crs = try self.crs
        if options.fromGCJ02 && sourceCRS.kind != .geographic {
            throw fail(.crs("--from-gcj02 needs longitude/latitude input, but the file is in \(sourceCRS.identifier)"))
        }
        if let field = options.idField { source.useIDField(field) }
        // The producer thread gets a PROJ context of its own, made here and handed over: a context must not be
        // used by two threads, and the calling thread's (`ThreadGeodesy`) stays with it.
        let context = try ProjContext()
        let processor = try FeatureProcessor(source: try CoordinateReferenceSystem(sourceCRS.definition, context: context),
                                             registry: try CoordinateReferenceSystem(crs.definition, context: context),
                                             srsID: srsID, fromGCJ02: options.fromGCJ02)
        let importedAt = ISO8601DateFormatter().string(from: Date())
        var totals = Accumulator(projected: crs.kind == .projected)
        let pipeline = ImportPipeline(source: source, processor: processor, idField: options.idField, kind: kind)
        defer { pipeline.stop() }
        try refuseIfReadOnly()
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try Self.markWriting(db)
                let table = kind == .parcels ? "parcels" : "buildings"
                let firstFid = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0) + 1
                var index = try SpatialIndexLoader(db, table: table)
                let attributeIndexes = try AttributeIndexLoader(db, table: table)
                var writer = try makeWriter(db, importedAt, firstFid, try HistoryChain(db))
                var count = 0
                pipeline.start()
                while let batch = pipeline.queue.pop() {
                    guard case .rows(let rows) = batch else {
                        if case .failed(let error) = batch { throw error }
                        continue
                    }
                    for row in rows {
                        let fid = try writer.write(row)
                        index.add(id: fid, envelope: row.output.envelope, attributes: row.siteAttributes)
                        totals.add(row.output.cadastralAreaM2, row.output.ellipsoidalAreaM2)
                        count += 1
                        if count % 10_000 == 0 { progress?(count) }
                    }
                }
                try index.finish()
                try attributeIndexes.finish()
                try Self.unmarkWriting(db)
                return .commit
            }
        }
        // A CRS read from a file's WKT has no code: name it rather than print the whole WKT.
        let crsName = sourceCRS.authority == nil && sourceCRS.definition.count > 40 ? sourceCRS.name : sourceCRS.identifier
        return ImportSummary(file: source.name, sourceCRS: crsName, imported: totals.totals)
    }
}

/// Writes imported rows on the SQLite thread, inside the import's transaction.
protocol FeatureWriter {
    /// Inserts the row and returns its fid.
    mutating func write(_ row: ImportPipeline.Row) throws -> Int64
}

extension ImportPipeline.Row {
    /// The values of the layer's `SiteIndex.attributes`, as the writers store them.
    var siteAttributes: [Double?] {
        switch attributes {
        case .parcel: [output.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres), AreaUnit.mu.fromSquareMetres(output.ellipsoidalAreaM2)]
        case .building(let b): [b.vacantFloorArea, b.clearHeight, b.powerKVA]
        }
    }
}

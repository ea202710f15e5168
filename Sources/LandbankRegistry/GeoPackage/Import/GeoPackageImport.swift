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
            return try runImport(source, options, layer: layer, progress: progress) { db, importedAt, firstFid, chain in
                try ParcelWriter(db: db, file: source.name, importedAt: importedAt, firstFid: firstFid, options: options, chain: chain)
            }
        case .buildings:
            return try runImport(source, options, layer: layer, progress: progress) { db, importedAt, _, chain in
                try BuildingWriter(db: db, file: source.name, importedAt: importedAt, options: options, chain: chain)
            }
        }
    }

    /// Imports the whole file, listing every problem, and logs the import. All or nothing by default: one
    /// rejected feature rolls the data back, and the log is then written in a transaction of its own; with
    /// `skipInvalid` the good features are kept. A file that cannot be read on is logged as failed.
    private func runImport(_ source: FeatureSource, _ options: ImportOptions, layer: Layer,
                           progress: ((Int) -> Void)?,
                           makeWriter: @escaping (Database, String, Int64, HistoryChain) throws -> any FeatureWriter) throws -> ImportSummary {
        let run = ImportRun(file: source.name, layer: layer, options: options)
        return try ImportFlow.run(source, options, run: run,
                                  importing: { try importing(source, options, run: run, progress: progress, makeWriter: makeWriter) },
                                  logAfterRollback: { logAfterRollback($0, run) })
    }

    /// The log of an import whose data was rolled back, in a transaction of its own; nil if even that fails
    /// (the registry's own trouble, which the caller's error does not hide).
    private func logAfterRollback(_ record: ImportRecord, _ run: ImportRun) -> ImportRecord? {
        guard let id = try? write({ db in try ImportLogStore.write(record, issues: run.issues, in: db) }) else { return nil }
        var r = record
        r.id = id
        return r
    }

    /// The data transaction. Returns the source CRS's name, the totals written, and whether they were kept.
    private func importing(_ source: FeatureSource, _ options: ImportOptions, run: ImportRun, progress: ((Int) -> Void)?,
                           makeWriter: (Database, String, Int64, HistoryChain) throws -> any FeatureWriter) throws -> (crs: String, totals: AreaTotals, kept: Bool) {
        let crs = try self.crs
        let (sourceCRS, pipeline) = try ImportFlow.pipeline(source, options, layer: run.layer, registry: crs, srsID: srsID)
        let importedAt = ISO8601DateFormatter().string(from: Date())
        var totals = Accumulator(projected: crs.kind == .projected)
        defer { pipeline.stop() }
        try refuseIfReadOnly()
        var kept = false
        try queue.withTurn { try db.writeWithoutTransaction { db in try PageCache.with(kiB: PageCache.importKiB, db) {
            try db.inTransaction(.immediate) {
                try Self.markWriting(db)
                let table = run.layer.rawValue
                let firstFid = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0) + 1
                var index = try SpatialIndexLoader(db, table: table)
                let attributeIndexes = try AttributeIndexLoader(db, table: table)
                let access = GeoPackageAccess(db: db, path: path)
                var writer = try makeWriter(db, importedAt, firstFid, try access.historyChain())
                let updater = options.update
                    ? LedgerUpdater(layer: run.layer, match: try GeoPackageLedgerMatch(db: db, layer: run.layer, file: source.name),
                                    store: access, file: source.name, options: options)
                    : nil
                func added(_ fid: Int64, _ row: ImportPipeline.Row) {
                    let zone: String? = if case .parcel(let a) = row.attributes { a.zone } else { nil }
                    index.add(id: fid, envelope: row.output.envelope, zone: zone)
                    totals.add(row.output.cadastralAreaM2, row.output.ellipsoidalAreaM2)
                    run.added += 1
                }
                pipeline.start()
                while let batch = pipeline.queue.pop() {
                    guard case .items(let items) = batch else {
                        if case .failed(let error) = batch { throw error }
                        continue
                    }
                    for item in items {
                        run.features += 1
                        if run.features % 10_000 == 0 { progress?(run.features) }
                        switch item {
                        case .rejected(let e, let issues):
                            if let id = e.featureID, let u = updater { _ = try u.saw(id, index: issues.first?.position.map { $0 - 1 } ?? 0) }
                            run.reject(e, issues)
                        case .row(let row):
                            do {
                                if let updater {
                                    switch try updater.write(row, run: run, insert: { try writer.write(row) }) {
                                    case .added(let fid): added(fid, row)
                                    case .changed: run.updated += 1
                                    case .unchanged: run.unchanged += 1
                                    }
                                } else {
                                    added(try writer.write(row), row)
                                }
                                run.note(row.notes)
                            } catch let e as ImportError {
                                run.reject(e, row.notes + [ImportIssue(e, index: row.index)])
                            }
                        }
                    }
                }
                try updater?.listMissing(run)
                try updater?.match.finish()
                if options.dryRun || (run.rejected > 0 && !options.skipInvalid) { return .rollback }
                try index.finish()
                try attributeIndexes.finish()
                let outcome: ImportRecord.Outcome = run.rejected == 0 ? .imported : .partial
                let record = run.record(outcome)
                run.stored = record
                run.stored?.id = try ImportLogStore.write(record, issues: run.issues, in: db)
                try Self.unmarkWriting(db)
                kept = true
                return .commit
            }
        } } }
        // A CRS read from a file's WKT has no code: name it rather than print the whole WKT.
        let crsName = sourceCRS.authority == nil && sourceCRS.definition.count > 40 ? sourceCRS.name : sourceCRS.identifier
        return (crsName, totals.totals, kept)
    }
}

/// Writes imported rows on the SQLite thread, inside the import's transaction.
protocol FeatureWriter {
    /// Inserts the row and returns its fid.
    mutating func write(_ row: ImportPipeline.Row) throws -> Int64
}

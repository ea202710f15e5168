import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// Import into PostgreSQL: the same pipeline (`ImportPipeline`, `FeatureProcessor`: landbank measures, PostGIS
/// stores) and the same log as the GeoPackage store's, written through COPY. All or nothing by default; with
/// `skipInvalid` the good features are kept; a refused or failed import is logged in a transaction of its own.
extension PostGISStore {
    func importFeatures(_ source: FeatureSource, into layer: Layer, options: ImportOptions,
                        progress: ((Int) -> Void)?) throws -> ImportSummary {
        if readOnly { throw RegistryError(path: location, kind: .readOnly, "opened for reading only") }
        let run = ImportRun(file: source.name, layer: layer, options: options)
        return try ImportFlow.run(source, options, run: run,
                                  importing: { try mapped { try importing(source, options, run: run, progress: progress) } },
                                  logAfterRollback: { logAfterRollback($0, run) })
    }

    private func logAfterRollback(_ record: ImportRecord, _ run: ImportRun) -> ImportRecord? {
        guard let id = try? pool.write({ try PGAccess(c: $0, store: self).writeImportLog(record, issues: run.issues) }) else { return nil }
        var r = record
        r.id = id
        return r
    }

    /// Thrown inside the transaction to roll it back (a dry run, or a refused import); never leaves this file.
    private struct RollBack: Error {}

    private func importing(_ source: FeatureSource, _ options: ImportOptions, run: ImportRun,
                           progress: ((Int) -> Void)?) throws -> (crs: String, totals: AreaTotals, kept: Bool) {
        let crs = try self.crs
        let (sourceCRS, pipeline) = try ImportFlow.pipeline(source, options, layer: run.layer, registry: crs, srsID: srsID)
        let importedAt = ISO8601DateFormatter().string(from: Date())
        var totals = Accumulator(projected: crs.kind == .projected)
        defer { pipeline.stop() }
        var kept = false
        do {
            try pool.write { c in
                let access = PGAccess(c: c, store: self)
                var writer = try PGFeatureWriter(access: access, layer: run.layer, file: source.name, importedAt: importedAt,
                                                 options: options)
                let updater = options.update
                    ? LedgerUpdater(layer: run.layer, match: try PGLedgerMatch(access: access, layer: run.layer, file: source.name),
                                    store: access, file: source.name, options: options)
                    : nil
                try writer.begin()
                do {
                    try feed(pipeline, run: run, progress: progress, writer: &writer, updater: updater, totals: &totals)
                    try updater?.listMissing(run)
                    try updater?.match.finish()
                } catch {
                    try writer.finish(failing: true)
                    throw error
                }
                if options.dryRun || (run.rejected > 0 && !options.skipInvalid) {
                    try writer.finish(failing: true)
                    throw RollBack()
                }
                try writer.finish()
                var record = run.record(run.rejected == 0 ? .imported : .partial)
                record.id = try access.writeImportLog(record, issues: run.issues)
                run.stored = record
                kept = true
            }
        } catch is RollBack {
            kept = false
        }
        let crsName = sourceCRS.authority == nil && sourceCRS.definition.count > 40 ? sourceCRS.name : sourceCRS.identifier
        return (crsName, totals.totals, kept)
    }

    /// Runs the pipeline and hands each measured row to the writer, noting what it finds in `run`.
    private func feed(_ pipeline: ImportPipeline, run: ImportRun, progress: ((Int) -> Void)?, writer: inout PGFeatureWriter,
                      updater: LedgerUpdater?, totals: inout Accumulator) throws {
        pipeline.start()
        while let batch = pipeline.queue.pop() {
            guard case .items(let items) = batch else {
                if case .failed(let error) = batch { throw error }
                continue
            }
            try writer.beginBatch(items)
            for item in items {
                run.features += 1
                if run.features % 10_000 == 0 { progress?(run.features) }
                switch item {
                case .rejected(let e, let issues):
                    // Its id was given: its record is not missing from the file.
                    if let id = e.featureID, let updater { _ = try updater.saw(id, index: issues.first?.position.map { $0 - 1 } ?? 0) }
                    run.reject(e, issues)
                case .row(let row):
                    do {
                        if let updater {
                            switch try updater.write(row, run: run, insert: { try writer.write(row); return 0 }) {
                            case .added:
                                totals.add(row.output.cadastralAreaM2, row.output.ellipsoidalAreaM2)
                                run.added += 1
                            case .changed: run.updated += 1
                            case .unchanged: run.unchanged += 1
                            }
                        } else {
                            try writer.write(row)
                            totals.add(row.output.cadastralAreaM2, row.output.ellipsoidalAreaM2)
                            run.added += 1
                        }
                        run.note(row.notes)
                    } catch let e as ImportError {
                        run.reject(e, row.notes + [ImportIssue(e, index: row.index)])
                    }
                }
            }
            try writer.endBatch()
        }
    }
}

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
        if options.update {
            throw RegistryError(path: source.name, kind: .invalidArgument,
                                "--update is not available on a PostgreSQL registry yet; import into a GeoPackage and `landbank copy` it")
        }
        if readOnly { throw RegistryError(path: location, kind: .readOnly, "opened for reading only") }
        let run = ImportRun(file: source.name, layer: layer, options: options)
        let result: (crs: String, totals: AreaTotals, kept: Bool)
        do {
            result = try mapped { try importing(source, options, run: run, progress: progress) }
        } catch var e as ImportError {
            run.note([ImportIssue(e, index: ImportPipeline.index(in: e.position))])
            if !options.dryRun { e.record = logAfterRollback(run.record(.failed, message: e.description), run) }
            throw e
        }
        if !result.kept && !options.dryRun, var refusal = run.firstRejection {
            refusal.record = logAfterRollback(run.record(.refused, message: refusal.description), run)
            throw refusal
        }
        let outcome: ImportRecord.Outcome = run.rejected == 0 ? .imported : (result.kept ? .partial : .refused)
        let record = options.dryRun ? run.record(outcome) : (run.stored ?? run.record(outcome))
        return ImportSummary(file: source.name, sourceCRS: result.crs, imported: result.totals, log: record)
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
        let context = try ProjContext()
        let processor = try FeatureProcessor(source: try CoordinateReferenceSystem(sourceCRS.definition, context: context),
                                             registry: try CoordinateReferenceSystem(crs.definition, context: context),
                                             srsID: srsID, fromGCJ02: options.fromGCJ02, maxRepairChange: options.maxRepairChange)
        let importedAt = ISO8601DateFormatter().string(from: Date())
        var totals = Accumulator(projected: crs.kind == .projected)
        let kind: ImportPipeline.Kind = run.layer == .parcels ? .parcels : .buildings
        let pipeline = ImportPipeline(source: source, processor: processor, idField: options.idField, kind: kind)
        defer { pipeline.stop() }
        var kept = false
        do {
            try pool.write { c in
                let access = PGAccess(c: c, store: self)
                var writer = try PGFeatureWriter(access: access, layer: run.layer, file: source.name, importedAt: importedAt,
                                                 options: options)
                try writer.begin()
                do {
                    try feed(pipeline, run: run, progress: progress, writer: &writer, totals: &totals)
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
                      totals: inout Accumulator) throws {
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
                    run.reject(e, issues)
                case .row(let row):
                    do {
                        try writer.write(row)
                        totals.add(row.output.cadastralAreaM2, row.output.ellipsoidalAreaM2)
                        run.added += 1
                        run.note(row.notes)
                    } catch let e as ImportError {
                        run.reject(e, row.notes + [ImportIssue(e, index: row.index)])
                    }
                }
            }
        }
    }
}

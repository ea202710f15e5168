import Foundation
import LandbankGeodesy
import LandbankGeometry

/// What every store's import shares, above the seam: choosing and checking the source CRS, the measuring
/// pipeline, and what the outcome is (kept, refused, failed) and how it is logged. A store supplies only its
/// data transaction and the write of the log after a rollback.
enum ImportFlow {
    /// Runs `importing` (the store's data transaction: source CRS's name, the totals, whether they were kept) and
    /// turns its outcome into the summary; a failed or refused import is logged through `logAfterRollback`, in a
    /// transaction of its own (nil when even that fails: the registry's own trouble, which the error does not hide).
    static func run(_ source: FeatureSource, _ options: ImportOptions, run: ImportRun,
                    importing: () throws -> (crs: String, totals: AreaTotals, kept: Bool),
                    logAfterRollback: (ImportRecord) -> ImportRecord?) throws -> ImportSummary {
        let result: (crs: String, totals: AreaTotals, kept: Bool)
        do {
            result = try importing()
        } catch var e as ImportError {
            // The file could not be read on, or named a CRS landbank cannot use: nothing was written.
            run.note([ImportIssue(e, index: ImportPipeline.index(in: e.position))])
            if !options.dryRun { e.record = logAfterRollback(run.record(.failed, message: e.description)) }
            throw e
        }
        if !result.kept && !options.dryRun, var refusal = run.firstRejection {
            refusal.record = logAfterRollback(run.record(.refused, message: refusal.description))
            throw refusal
        }
        let outcome: ImportRecord.Outcome = run.rejected == 0 ? .imported : (result.kept ? .partial : .refused)
        let record = options.dryRun ? run.record(outcome) : (run.stored ?? run.record(outcome))
        return ImportSummary(file: source.name, sourceCRS: result.crs, imported: result.totals, log: record)
    }

    /// The source CRS checked against the options, and the pipeline that reads and measures the features into
    /// the registry's CRS. The producer thread gets a PROJ context of its own, made here and handed over: a
    /// context must not be used by two threads, and the calling thread's (`ThreadGeodesy`) stays with it.
    /// The caller stops the pipeline when done.
    static func pipeline(_ source: FeatureSource, _ options: ImportOptions, layer: Layer, registry crs: CoordinateReferenceSystem,
                         srsID: Int32) throws -> (sourceCRS: CoordinateReferenceSystem, pipeline: ImportPipeline) {
        func fail(_ reason: ImportError.Reason) -> ImportError { ImportError(file: source.name, reason: reason) }
        guard let crsText = options.crs ?? source.declaredCRS ?? source.defaultCRS else {
            throw fail(.crs("the file names no CRS; say which with --crs (e.g. --crs EPSG:4547)"))
        }
        let sourceCRS: CoordinateReferenceSystem
        do { sourceCRS = try ThreadGeodesy.current().crs(crsText) } catch { throw fail(.crs("\(error)")) }
        if options.fromGCJ02 && sourceCRS.kind != .geographic {
            throw fail(.crs("--from-gcj02 needs longitude/latitude input, but the file is in \(sourceCRS.identifier)"))
        }
        if let field = options.idField { source.useIDField(field) }
        let context = try ProjContext()
        let processor = try FeatureProcessor(source: try CoordinateReferenceSystem(sourceCRS.definition, context: context),
                                             registry: try CoordinateReferenceSystem(crs.definition, context: context),
                                             srsID: srsID, fromGCJ02: options.fromGCJ02, maxRepairChange: options.maxRepairChange)
        let kind: ImportPipeline.Kind = layer == .parcels ? .parcels : .buildings
        return (sourceCRS, ImportPipeline(source: source, processor: processor, idField: options.idField, kind: kind))
    }
}

import Foundation

/// What one import has found and done so far, on the thread that writes it: the issues (spooled), the first
/// rejection (the error a refused import throws), and the counts its log entry keeps.
final class ImportRun {
    let file: String
    let layer: Layer
    let options: ImportOptions
    let startedAt = ImportRun.now()
    let issues = IssueSpool()
    private(set) var firstRejection: ImportError?
    var features = 0
    var added = 0
    var updated = 0
    var unchanged = 0
    var missing = 0
    private(set) var rejected = 0
    /// The log entry written with the data, once it is (the import's number set).
    var stored: ImportRecord?

    init(file: String, layer: Layer, options: ImportOptions) {
        self.file = file
        self.layer = layer
        self.options = options
    }

    /// A feature that is not imported, with every problem it has.
    func reject(_ e: ImportError, _ found: [ImportIssue]) {
        rejected += 1
        if firstRejection == nil { firstRejection = e }
        for i in found { issues.add(i) }
    }

    func note(_ found: [ImportIssue]) {
        for i in found { issues.add(i) }
    }

    /// The log entry as it stands; `id` is given once it is stored.
    func record(_ outcome: ImportRecord.Outcome, message: String? = nil, id: Int64 = 0) -> ImportRecord {
        ImportRecord(id: id, file: file, fileSHA256: options.fileSHA256, layer: layer.rawValue,
                     mode: ImportSummary.mode(options), startedAt: startedAt, finishedAt: Self.now(),
                     // A refused or failed import wrote nothing, whatever it had got through before the rollback.
                     recordedBy: options.recordedBy, features: features, added: kept(outcome) ? added : 0,
                     updated: kept(outcome) ? updated : 0,
                     unchanged: unchanged, missing: missing, repaired: issues.count(.repaired), rejected: rejected,
                     flagged: issues.count(.flagged), outcome: outcome, message: message, byRule: issues.byRule)
    }

    private func kept(_ o: ImportRecord.Outcome) -> Bool { o == .imported || o == .partial }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}

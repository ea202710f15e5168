import ArgumentParser
import Foundation
import LandbankRegistry

struct IssuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issues", abstract: "The import log: every import, and the problems each one found.",
        discussion: """
            Without --import: one line per import, newest first (file, who, when, outcome, counts). With \
            --import N: that import's problems, one per feature and rule, with what was done (rejected, \
            repaired, flagged, updated). --csv prints the problems as CSV (of every import without --import).
            """)

    @OptionGroup var target: RegistryArgument
    @Option(name: .customLong("import"), help: "The import's number (as `landbank issues REG` lists them).")
    var importID: Int64?
    @Flag(help: "Print the problems as CSV.") var csv = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if csv && output.json { throw ValidationError("choose --csv or --json, not both") }
        if let n = importID, n < 1 { throw ValidationError("--import must be an import's number, 1 or more, not \(n)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            if csv {
                print(ImportIssue.csvHeader)
                return try registry.forEachImportIssue(importID: importID) { id, i in print(i.csvLine(importID: id)) }
            }
            guard let id = importID else { return try list(registry.imports()) }
            let record = try registry.importRecord(id)
            var issues: [ImportIssue] = []
            if output.json {
                try registry.forEachImportIssue(importID: id) { _, i in issues.append(i) }
                return try CLI.printJSON(Detail(import: record, issues: issues))
            }
            Format.keyValues(Self.header(record))
            print()
            var rows: [[String]] = []
            try registry.forEachImportIssue(importID: id) { _, i in
                rows.append([i.position.map(String.init) ?? "", i.featureID ?? "", i.field ?? "", i.rule.rawValue, i.action.rawValue,
                             i.message + (i.location.map { i.message.contains($0) ? "" : " [\($0)]" } ?? "")])
            }
            if rows.isEmpty { return print("no problems") }
            print(Format.table(["feature", "id", "field", "rule", "action", "problem"], rows, rightAligned: [0]))
        }
    }

    private func list(_ records: [ImportRecord]) throws {
        if output.json { return try CLI.printJSON(records) }
        if records.isEmpty { return print("no imports logged") }
        let rows = records.map { r in
            ["#\(r.id)", r.startedAt, r.file, r.recordedBy, r.mode, r.outcome.rawValue, String(r.features), String(r.added),
             String(r.updated), String(r.rejected), String(r.repaired), String(r.flagged)]
        }
        print(Format.table(["import", "started", "file", "by", "mode", "outcome", "features", "added", "updated", "rejected",
                            "repaired", "flagged"], rows, rightAligned: [6, 7, 8, 9, 10, 11]))
    }

    static func header(_ r: ImportRecord) -> [(String, String)] {
        var lines: [(String, String)] = [
            ("import", "#\(r.id)"), ("file", r.file), ("sha256", r.fileSHA256 ?? "(read from a pipe)"), ("layer", r.layer),
            ("mode", r.mode), ("by", r.recordedBy), ("started", r.startedAt), ("finished", r.finishedAt),
            ("outcome", r.outcome.rawValue),
            ("features", "\(r.features) read, \(r.added) added, \(r.updated) updated, \(r.unchanged) unchanged, "
                + "\(r.rejected) rejected, \(r.repaired) repaired, \(r.flagged) flagged"),
        ]
        if r.missing > 0 { lines.append(("missing", "\(r.missing) parcels of the registry not in the file (kept)")) }
        if let m = r.message { lines.append(("message", m)) }
        return lines
    }

    struct Detail: Encodable {
        var `import`: ImportRecord
        var issues: [ImportIssue]
    }
}

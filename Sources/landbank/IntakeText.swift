import Foundation
import LandbankRegistry

/// What `import` says about the problems it found and what an update changed.
enum IntakeText {
    /// The issues by rule and action, most frequent first.
    static func byRule(_ r: ImportRecord) -> String {
        Format.table(["rule", "action", "count"], r.byRule.map { [$0.rule.rawValue, $0.action.rawValue, String($0.count)] },
                     rightAligned: [2])
    }

    /// An import that wrote nothing: the summary on standard error, then (from the caller) the error line.
    static func refused(_ r: ImportRecord, registry: String, report: String?, using reg: Registry) {
        guard r.issueCount > 1 || report != nil else { return }
        printError("\(r.issueCount) problems in \(r.file), \(r.rejected) of \(r.features) features rejected (import #\(r.id)):")
        printError(byRule(r))
        if let report { printError(writeReport(report, importID: r.id, using: reg)) }
        printError("the full list: landbank issues \(registry) --import \(r.id) (or import again with --report FILE.csv)")
    }

    /// An import that was kept (or a dry run): what changed and the problems by rule.
    static func done(_ r: ImportRecord, options: ImportOptions, registry: String, report: String?, using reg: Registry) {
        if options.update {
            print("\(options.dryRun ? "would add" : "added") \(r.added), \(options.dryRun ? "would change" : "changed") \(r.updated), "
                  + "unchanged \(r.unchanged), missing from the file \(r.missing) (never deleted)")
        }
        let problems = r.byRule.filter { $0.rule != .changed && $0.rule != .missingFromFile }
        if !problems.isEmpty {
            var shown = r
            shown.byRule = problems
            let skipped = r.rejected > 0 ? ", \(r.rejected) features skipped" : ""
            print("\(shown.issueCount) problems in \(r.file)\(skipped)\(r.id > 0 ? " (import #\(r.id))" : ""):")
            print(byRule(shown))
        }
        if let report, r.id > 0 { print(writeReport(report, importID: r.id, using: reg)) }
        if options.dryRun {
            print("dry run: nothing was written")
        } else if r.issueCount > 0 {
            print("the full list: landbank issues \(registry) --import \(r.id)")
        }
    }

    /// One line of a dry run's difference.
    static func change(_ c: ParcelChange) {
        switch c.kind {
        case .added: print("added    \(c.parcelID) (feature \(c.position ?? 0))")
        case .changed: print("changed  \(c.parcelID) (feature \(c.position ?? 0)): \(c.fields.joined(separator: ", ")): \(c.detail)")
        case .missing: print("missing  \(c.parcelID): in the registry, not in the file (kept)")
        }
    }

    /// Writes the import's issues to `path` as CSV, streamed from the registry; says how many, or why not.
    static func writeReport(_ path: String, importID: Int64, using reg: Registry) -> String {
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else {
            return "landbank: warning: \(path): cannot be written; the list stays in the registry"
        }
        defer { try? out.close() }
        var n = 0
        var buffer = ImportIssue.csvHeader + "\n"
        do {
            try reg.forEachImportIssue(importID: importID) { id, issue in
                buffer += issue.csvLine(importID: id) + "\n"
                n += 1
                if buffer.utf8.count > 1 << 16 {
                    try out.write(contentsOf: Data(buffer.utf8))
                    buffer = ""
                }
            }
            try out.write(contentsOf: Data(buffer.utf8))
        } catch {
            return "landbank: warning: \(path): \(error); the list stays in the registry"
        }
        return "wrote \(n) problems to \(path)"
    }
}

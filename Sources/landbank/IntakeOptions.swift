import ArgumentParser
import Foundation
import LandbankRegistry

/// The import's choices about bad features and re-delivered ledgers, shared by `import` (and any other
/// command that imports parcels).
struct IntakeOptions: ParsableArguments {
    @Flag(help: "Import the good features and log the rejected ones (by default one rejected feature means nothing is written).")
    var skipInvalid = false

    @Flag(help: "Repair invalid polygons with GEOS MakeValid (polygonal parts kept), logging each repair with its area change.")
    var makeValid = false

    @Option(help: "With --make-valid: refuse a repair that changes the area by more than this many percent.")
    var maxRepairChange: Double = ImportOptions.defaultMaxRepairChange * 100

    @Flag(help: "The file is a re-delivered ledger: match parcels by id, add new ones, record changes in their history, list the ones missing from the file (never deleted).")
    var update = false

    @Flag(help: "Check the file and print what the import would do (with --update: parcels added, changed and missing); write nothing.")
    var dryRun = false

    @Option(help: "Write the full list of problems to this CSV file (every import's list is also kept in the registry: `landbank issues`).")
    var report: String?

    func check() throws {
        guard maxRepairChange.isFinite, maxRepairChange >= 0, maxRepairChange <= 100 else {
            throw ValidationError("--max-repair-change must be a percentage from 0 to 100, not \(maxRepairChange)")
        }
        if report != nil && dryRun { throw ValidationError("--report lists a logged import's problems; a --dry-run is not logged, so drop one of them") }
    }

    func apply(to o: inout ImportOptions, file: String, json: Bool) {
        o.skipInvalid = skipInvalid
        o.maxRepairChange = makeValid ? maxRepairChange / 100 : nil
        o.update = update
        o.dryRun = dryRun
        o.fileSHA256 = FileDigest.sha256(path: file)
        if dryRun && !json { o.onChange = { IntakeText.change($0) } }
    }
}

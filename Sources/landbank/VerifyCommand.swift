import ArgumentParser
import LandbankRegistry

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the registry is consistent: SQLite, spatial indexes, geometries, areas, history.",
        discussion: """
            Recomputes every stored area and mu figure from its geometry, recomputes the history's SHA-256 chain, \
            checks that the triggers protecting the history exist, and lists edits made outside landbank (QGIS, \
            GDAL, SQL) that are not yet recorded. A damaged file gets a report of what SQLite finds damaged. \
            --repair measures again every feature whose stored figures disagree with its geometry and records \
            each outside edit in the history (the next landbank write does the same). Exits non-zero when \
            anything is wrong.
            """)

    @OptionGroup var target: RegistryArgument
    @Flag(help: "Measure mismeasured or outside-edited features again and record the edits in the history.")
    var repair = false
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            if repair {
                let registry = try CLI.open(target.registry)
                let done = try registry.repair()
                for line in done.measured { printError("measured again: \(line)") }
                for line in done.unmeasurable { printError("cannot measure: \(line)") }
            }
            let report = try Registry.verify(at: target.registry)
            if output.json {
                try CLI.printJSON(report)
            } else {
                for c in report.checks {
                    print("\(c.ok ? "ok  " : "FAIL") \(c.name)")
                    for p in c.problems { print("       \(p)") }
                }
            }
            if !report.ok { throw ExitCode.failure }
        }
    }
}

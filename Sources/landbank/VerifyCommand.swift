import ArgumentParser
import LandbankRegistry

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the registry is consistent: SQLite, spatial indexes, areas, validity, history.",
        discussion: """
            Recomputes every stored area from its geometry, so an edit made outside landbank (e.g. in QGIS) shows \
            up here; record such a change with `landbank reshape` so that the history keeps the old geometry. \
            Exits non-zero when anything is wrong.
            """)

    @OptionGroup var target: RegistryArgument
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let report = try CLI.open(target.registry, readOnly: true).verify()
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

import ArgumentParser
import LandbankRegistry

struct ProjectIncentives: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incentives", abstract: "Import incentives promised and paid (政策兑现) from CSV (all rows or none).",
        discussion: """
            Columns: project_id, kind (promised|paid), amount_yuan, date, basis, and optionally recorded_by. The same \
            project, kind, date, amount and basis is the same incentive: importing a file again adds nothing. \
            Incentives are never edited: a reduced promise or a payment entered by mistake is a further row with a \
            negative amount. Each incentive is an event in the project's history (project show) with the total \
            before and after it.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV file.") var file: String
    @Option(name: .customLong("by"), help: "Who records them (default: the login name; a recorded_by column wins).")
    var recordedBy: String?

    func run() throws {
        try CLI.run(registry: target.registry) {
            let s = try CLI.open(target.registry).importProjectIncentives(path: file, recordedBy: CLI.recorder(recordedBy))
            print("\(file): \(s.added) incentives added, \(s.unchanged) already there")
        }
    }
}

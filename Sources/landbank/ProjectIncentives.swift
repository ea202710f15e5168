import ArgumentParser
import LandbankRegistry

struct ProjectIncentives: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incentives", abstract: "Import incentives promised and paid (政策兑现) from CSV (all rows or none).",
        discussion: """
            Columns: project_id, kind (promised|paid), amount_yuan, date, basis. The same project, kind, date, amount \
            and basis is the same incentive: importing a file again adds nothing.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        try CLI.run(registry: target.registry) {
            let s = try CLI.open(target.registry).importProjectIncentives(path: file)
            print("\(file): \(s.added) incentives added, \(s.unchanged) already there")
        }
    }
}

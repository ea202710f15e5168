import ArgumentParser
import LandbankRegistry

struct ProjectActuals: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actuals", abstract: "Import yearly actuals from CSV (all rows or none).",
        discussion: """
            Columns: project_id, year, investment_yuan (invested that year), output_yuan, tax_yuan (that year), jobs, \
            tenants (firms brought in), floor_space_m2 (at the year's end). A row replaces that project's year.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        try CLI.run(registry: target.registry) {
            let s = try CLI.open(target.registry).importProjectActuals(path: file)
            print("\(file): \(s.added) project-years added, \(s.updated) updated, \(s.unchanged) unchanged")
        }
    }
}

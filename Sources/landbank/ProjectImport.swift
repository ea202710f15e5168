import ArgumentParser
import LandbankRegistry

struct ProjectImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add or restate projects from a CSV or JSON file (all rows or none).",
        discussion: """
            Columns (CSV) or keys (JSON objects): project_id, name, investor, industry, team, zone, demand (a JSON \
            object in the matcher's format), cause (market|investor), investment_yuan, output_yuan, tax_yuan, jobs, \
            floor_space_m2, tenants, sign_by, land_by, start_by, production_by, figures_by, and the stages: history \
            ("lead=2019-03-01;signed=2019-06-30") or stage and stage_date; recorded_by, note. A stage already in the \
            history is not repeated, so importing the same file twice changes nothing; a bad row (unknown stage, a \
            stage that goes backwards, an amount that does not parse) stops the import, nothing written.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV or JSON file.") var file: String
    @Option(name: .customLong("by"), help: "Who records the stages (default: the login name; a recorded_by column wins).")
    var recordedBy: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let s = try registry.importProjects(path: file, recordedBy: CLI.recorder(recordedBy), checkDemand: ProjectText.checkDemand)
            if output.json { return try CLI.printJSON(s) }
            print("\(file): \(s.added) projects added, \(s.updated) updated, \(s.unchanged) unchanged; \(s.events) stage changes recorded")
        }
    }
}

import ArgumentParser
import LandbankRegistry

struct EnterpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: "Enterprise figures per year, for per-mu grading (亩均评价).",
        subcommands: [EnterpriseImport.self, EnterpriseList.self])
}

struct EnterpriseImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import one year's enterprise figures from a CSV or JSON file (all rows or none).",
        discussion: """
            Columns: enterprise_id, name, parcel_id (required: a parcel of the registry), floor_space_m2 (set for a \
            tenant of floor space on a parcel it shares; empty for a firm holding the whole parcel), tax_yuan, \
            value_added_yuan, sales_yuan, rd_yuan, investment_yuan, energy_tce, emissions_t, employees, \
            safety_incidents, environment_incidents, major_safety_incidents, major_environment_incidents. One row per \
            enterprise and parcel; a firm's figures are the sum of its rows, so they may be given once, on one row. \
            An empty cell stays missing, never 0. The year's rows of each enterprise in the file replace those it had. \
            Every bad row is named in the one error; nothing is written.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The CSV or JSON file.") var file: String
    @Option(help: "The year the figures are for.") var year: Int
    @Option(name: .customLong("by"), help: "Who records them (default: the login name).") var recordedBy: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let s = try registry.importEnterpriseFigures(path: file, year: year, recordedBy: CLI.recorder(recordedBy))
            if output.json { return try CLI.printJSON(s) }
            print("\(file): \(s.rows) rows of \(s.enterprises) enterprises for \(s.year) (\(s.replaced) earlier rows of theirs replaced)")
        }
    }
}

struct EnterpriseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the enterprise rows of a year.")

    @OptionGroup var target: RegistryArgument
    @Option(help: "The year.") var year: Int
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let rows = try CLI.open(target.registry, readOnly: true).enterpriseFigures(year: year)
            if output.json { return try CLI.printJSON(rows) }
            func t(_ v: CustomStringConvertible?) -> String { v.map(\.description) ?? "missing" }
            print(Format.table(["enterprise", "name", "parcel", "floor m²", "tax yuan", "value added yuan"], rows.map {
                [$0.enterpriseID, $0.name ?? "", $0.parcelID, $0.floorSpaceM2.map { Format.fixed($0, 0) } ?? "whole",
                 $0.tax?.yuanText ?? "missing", $0.valueAdded?.yuanText ?? "missing"]
            }))
            print("\(rows.count) rows for \(year)")
        }
    }
}

import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "What zones publish: land and idle floor space disposed of, by method; standard-factory occupancy.",
        discussion: """
            Each parcel or building counts once, under its last disposal event in the period. Land in mu (cadastral), \
            floor space in m² (surveyed floor area). Rows add up to the totals as shown. The filters select the \
            parcels covered as `list` does (status, zone, land use, area, box, point, buildings); the floor space is \
            that of the buildings on them.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "First day of the period.") var from: CivilDate?
    @Option(help: "Last day of the period.") var to: CivilDate?
    @OptionGroup var filter: FilterOptions
    @OptionGroup var site: SiteFilterOptions
    @Option(help: "Standard factories built in or after this year are new builds.") var newBuildSince = 2023
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        try OptionRanges.year(newBuildSince, "--new-build-since")
        try OptionRanges.period(from: from, to: to)
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let r = try CLI.open(target.registry, readOnly: true)
                .report(ReportOptions(from: from, to: to, sites: site.query(filter), newBuildSince: newBuildSince)).rounded()
            if output.json { return try CLI.printJSON(r) }
            if csv { return print(Format.reportCSV(r)) }
            print(Format.reportText(r))
        }
    }
}

import ArgumentParser
import LandbankRegistry

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Totals: parcels and both areas (m², mu), overall, by status and by zone.",
        discussion: """
            Areas are summed unrounded and shown to 0.01 m² and 0.001 mu; the rows of each grouping are \
            apportioned (largest remainder) so that they add up exactly to the total shown. The site filters \
            (area, land use, box, point, buildings) select parcels as `list` does; the floor space is then that of \
            the buildings on them.
            """)

    @OptionGroup var target: RegistryArgument
    @OptionGroup var filter: FilterOptions
    @OptionGroup var site: SiteFilterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let stats = try registry.stats(site.query(filter)).rounded()
            if output.json { return try CLI.printJSON(stats) }
            print("\(target.registry): \(stats.crs) (\(stats.crsName))")
            print("cadastral area: \(stats.cadastralArea)")
            print("ellipsoidal area: \(stats.ellipsoidalArea)")
            print()
            for (title, groups) in [("status", stats.byStatus), ("zone", stats.byZone)] {
                let rows = groups.map { Format.totalsRow($0.key, $0.totals) } + [Format.totalsRow("total", stats.total)]
                print(Format.table([title] + Format.totalsHeader, rows, rightAligned: [1, 2, 3, 4, 5]))
                print()
            }
            guard stats.floorSpace.buildings > 0 else { return }
            let floorRows = (stats.floorSpaceByStatus + [("total", stats.floorSpace)]).map { key, t in
                [key, String(t.buildings), Format.fixed(t.floorAreaM2, 2), Format.fixed(t.vacantFloorAreaM2, 2), String(t.standardFactories)]
            }
            print(Format.table(["building status", "buildings", "floor m²", "vacant m²", "standard factories"], floorRows,
                               rightAligned: [1, 2, 3, 4]))
        }
    }
}

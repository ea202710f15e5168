import ArgumentParser

@main
struct Landbank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landbank",
        abstract: "A GeoPackage registry of idle land and factory space for development zones and land bureaus.",
        discussion: """
            Areas are computed by landbank, never taken from input: the cadastral (planar) area in the registry's \
            projected CRS and the ellipsoidal area on its ellipsoid, in m² and mu (1 mu = 10000/15 m²). \
            The registry file is an OGC GeoPackage 1.3: QGIS, ArcGIS and GDAL open it as it is.

            A first session: `landbank init zone.gpkg --crs EPSG:4547`, `landbank import zone.gpkg parcels.geojson`, \
            `landbank stats zone.gpkg`, `landbank export zone.gpkg --out parcels.geojson`.

            Exit status: 0 done; 1 verify found problems (or another failure); 64 a bad option; 65 invalid input; \
            66 not found; 67 conflict (duplicate id, a change the lifecycle refuses); 69 not a registry; \
            70 damaged registry; 74 disk full or I/O error; 75 busy (try again); 77 read-only.
            """,
        subcommands: [Init.self, Import.self, List.self, Show.self, Stats.self, Export.self, BuildingCommand.self,
                      HistoryCommand.self, Record.self, Correct.self, Reshape.self, ContractCommand.self, IdleCheck.self,
                      ReportCommand.self, Verify.self, CopyCommand.self, MatchCommand.self, BlocksCommand.self, PolicyCommand.self,
                      RunwayCommand.self, ProjectCommand.self, ServeCommand.self, TokenCommand.self, IssuesCommand.self,
                      EnterpriseCommand.self, GradeCommand.self, BatchCommand.self, InefficientCommand.self])
}

/// The registry file every command but `init` works on.
struct RegistryArgument: ParsableArguments {
    @Argument(help: "The registry: a GeoPackage file made by `landbank init`, or a PostgreSQL URL (postgresql://user@host/db).")
    var registry: String
}

struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}

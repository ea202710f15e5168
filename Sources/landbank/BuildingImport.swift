import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ImportBuildings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import building footprints onto parcels in the registry (the formats `import` reads).",
        discussion: """
            Each feature needs `parcel_id` and `floor_area_m2`; optional: storeys, clear_height_m, floor_load_kn_m2, \
            power_kva, crane_t, structure, year_built, standard_factory, vacant_floor_area_m2, rent_yuan_m2_month, \
            available_from, status, disposal_method, status_date. A footprint that does not lie on its parcel is refused. \
            As for parcels, every problem is listed and all features or none are written (unless --skip-invalid); \
            with --update the buildings are matched by id: new ones added, changed figures and footprints recorded, \
            unchanged ones left alone, the ones missing from the file listed (never deleted).
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The input file.") var file: String
    @Option(help: "CRS of the input coordinates, overriding what the file declares.") var crs: String?
    @Flag(help: "The input is GCJ-02 lon/lat from a Chinese web map.") var fromGcj02 = false
    @Flag(help: "The input is BD-09 lon/lat from Baidu Maps: convert to GCJ-02, then to WGS84 first.") var fromBd09 = false
    @Flag(help: "Swap x and y of every feature when the coordinates are found swapped (lat/lon, northing/easting); without it, a terminal is asked and anything else refused.")
    var fixAxes = false
    @Option(help: "The text encoding of a Shapefile's or TAB file's attributes (e.g. GB18030), overriding .cpg and detection.")
    var encoding: String?
    @Option(help: "The property that holds the building id.") var idField: String?
    @Option(help: "The layer to read from a GeoPackage input.") var layer: String?
    @Option(name: .customLong("by"), help: "Who records the import (default: $USER).") var recordedBy: String?
    @Option(help: "The date of the imported statuses where a feature gives none; default today.") var statusDate: CivilDate?
    @OptionGroup var intake: IntakeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws { try intake.check() }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let source = try CLI.input(file) { try FeatureSources.open(file, layer: layer, encoding: encoding) }
            let progress = Progress(verb: intake.dryRun ? "checked" : "imported")
            var options = ImportOptions(crs: crs, fromGCJ02: fromGcj02, idField: idField, recordedBy: CLI.recorder(recordedBy),
                                        statusDate: statusDate ?? .today())
            options.fromBD09 = fromBd09
            options.fixAxes = fixAxes
            ImportAxesPrompt.install(on: &options, fixAxes: fixAxes)
            intake.apply(to: &options, file: file, json: output.json)
            let s: ImportSummary
            do {
                s = try registry.importBuildings(from: source, options: options, progress: progress.update)
            } catch let e as ImportError {
                progress.done()
                if let r = e.record { IntakeText.refused(r, registry: target.registry, report: intake.report, using: registry) }
                throw e
            }
            progress.done()
            if output.json { return try CLI.printJSON(s) }
            let verb = intake.dryRun ? "would import" : "imported"
            print("\(verb) \(s.imported.parcels) buildings from \(s.file) (\(s.sourceCRS) → \(registry.crs.identifier))")
            for note in s.notes { print(note) }
            IntakeText.done(s.log, options: options, registry: target.registry, report: intake.report, using: registry)
        }
    }
}

import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankRegistry

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import parcels from GeoJSON, CSV, a GeoPackage layer, or the formats bureaus hand over (Shapefile, DXF, KML, TAB, FileGDB, XLSX, 报部坐标).",
        discussion: """
            The whole file is checked and every problem listed (a summary by rule here, the full list with \
            --report or `landbank issues`). All features or none: if any feature is rejected nothing is \
            written, unless --skip-invalid. Every import is logged in the registry. GeoJSON without a `crs` \
            member is RFC 7946 lon/lat (WGS84); a file that names no CRS gets one inferred from its coordinates, \
            or is refused naming the readings that fit (choose with --crs). The parcel id is the feature's `id`, else an \
            `id`, `code` or `parcel_id` property (or --id-field).
            """)

    @OptionGroup var target: RegistryArgument

    @Argument(help: "The input file: GeoJSON, CSV (WKT or x/y columns), GeoPackage, Shapefile (.shp), DXF, KML, MapInfo (.tab), File Geodatabase (.gdb), Excel (.xlsx), or a boundary-point file (报部坐标 .txt) (\"-\" reads GeoJSON from standard input).")
    var file: String

    @Option(help: "CRS of the input coordinates, overriding what the file declares (e.g. EPSG:4547).")
    var crs: String?

    @Flag(help: "The input is GCJ-02 lon/lat copied from a Chinese web map (Amap, Tencent): convert to WGS84 first.")
    var fromGcj02 = false

    @Flag(help: "The input is BD-09 lon/lat from Baidu Maps: convert to GCJ-02, then to WGS84 first.")
    var fromBd09 = false

    @Flag(help: "Swap x and y of every feature when the coordinates are found swapped (lat/lon, northing/easting); without it, a terminal is asked and anything else refused.")
    var fixAxes = false

    @Option(help: "The text encoding of a Shapefile's or TAB file's attributes (e.g. GB18030, UTF-8), overriding .cpg and detection; of a 报部坐标 file: UTF-8, GBK or GB18030.")
    var encoding: String?

    @Option(help: "The property or column that holds the parcel id.")
    var idField: String?

    @Option(help: "The layer to read from a GeoPackage input (default: its only feature layer).")
    var layer: String?

    @Option(name: .customLong("by"), help: "Who records the import in the parcels' history and the import log (default: $USER).")
    var recordedBy: String?

    @Option(help: "The date of the imported statuses where a feature gives none (status_date or disposed_on); default today.")
    var statusDate: CivilDate?

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
            let summary: ImportSummary
            do {
                summary = try registry.importParcels(from: source, options: options, progress: progress.update)
            } catch let e as ImportError {
                progress.done()
                if let r = e.record { IntakeText.refused(r, registry: target.registry, report: intake.report, using: registry) }
                throw e
            }
            progress.done()
            if output.json { return try CLI.printJSON(summary) }
            let t = summary.imported
            let verb = intake.dryRun ? "would import" : "imported"
            print("\(verb) \(t.parcels) parcels from \(summary.file) (\(summary.sourceCRS) → \(registry.crs.identifier))")
            print(Format.areaLine(t))
            for note in summary.notes { print(note) }
            IntakeText.done(summary.log, options: options, registry: target.registry, report: intake.report, using: registry)
        }
    }
}

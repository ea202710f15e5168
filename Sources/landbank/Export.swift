import ArgumentParser
import LandbankRegistry

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export parcels to GeoJSON (RFC 7946 WGS84 lon/lat by default).",
        discussion: """
            RFC 7946: longitude/latitude transformed with PROJ, exterior rings counter-clockwise, holes clockwise, \
            7 decimals, no `crs` member. With --crs the coordinates stay projected and a `crs` member names the \
            CRS, as GIS tools expect. Properties carry both areas in m² and mu.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The GeoJSON file to write (\"-\" for standard output).")
    var out: String
    @OptionGroup var filter: FilterOptions
    @OptionGroup var site: SiteFilterOptions
    @Option(help: "Write coordinates in this CRS (e.g. EPSG:4547) with a `crs` member, instead of RFC 7946.")
    var crs: String?
    @Option(help: "Decimals of the coordinates (default: 7 for lon/lat, 3 for a projected CRS).")
    var decimals: Int?
    @Option(help: "The layer to export: parcels or buildings (status filters the building's own status).")
    var layer: Layer = .parcels
    @Option(help: "geojson (default), or 报部坐标 (ASCII: bubu), the boundary-point text of China's land reporting, in a zone-prefixed Gauss–Krüger CRS.")
    var format: ExportFormat = .geoJSON
    @Option(help: "The text encoding of a 报部坐标 file: UTF-8 (default), GBK (CP936) or GB18030.")
    var encoding: String?

    func validate() throws {
        try OptionRanges.decimals(decimals)
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let progress = Progress(verb: "exported")
            var options = ExportOptions(layer: layer, filter: filter.parcelFilter, query: site.query(filter), crs: crs, decimals: decimals)
            options.format = format
            options.encoding = encoding
            let n = try registry.export(to: out, options: options, progress: progress.update)
            progress.done()
            if out != "-" { printError("exported \(n) \(layer.rawValue) to \(out)") }
        }
    }
}

extension Layer: ExpressibleByArgument {}

extension ExportFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["geojson", "报部坐标", "bubu"] }
}

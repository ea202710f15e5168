import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List parcels, with both areas in mu.")

    @OptionGroup var target: RegistryArgument
    @OptionGroup var filter: FilterOptions
    @Option(help: "Show at most this many parcels.")
    var limit: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionRanges.count(limit, "--limit")
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let parcels = try registry.parcels(filter.parcelFilter, limit: limit)
            if output.json { return try CLI.printJSON(parcels) }
            let rows = parcels.map { p in
                [p.parcelID, p.zone ?? "", p.status?.rawValue ?? "", p.disposalMethod?.rawValue ?? "",
                 p.cadastralAreaMu.map { Format.fixed($0, 3) } ?? "—", Format.fixed(p.ellipsoidalAreaMu, 3)]
            }
            print(Format.table(["parcel", "zone", "status", "disposal", "cadastral mu", "ellipsoidal mu"], rows,
                               rightAligned: [4, 5]))
            print("\(parcels.count) parcels")
        }
    }
}

struct FilterOptions: ParsableArguments {
    @Option(help: "Only parcels with this status (\(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))).")
    var status: ParcelStatus?
    @Option(help: "Only parcels in this zone.")
    var zone: String?

    var parcelFilter: ParcelFilter { ParcelFilter(status: status, zone: zone) }
}

extension ParcelStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

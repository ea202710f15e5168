import Foundation
import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List parcels, with both areas in mu; filter by area, land use, place and buildings.",
        discussion: """
            Filters combine with AND. The building filters ask that at least one building on the parcel meets \
            all of them. With --near the list is nearest first and shows the ellipsoidal distance from the point \
            to the parcel's nearest edge (0 inside), `distance_km` in --json.
            """)

    @OptionGroup var target: RegistryArgument
    @OptionGroup var filter: FilterOptions
    @OptionGroup var site: SiteFilterOptions
    @Option(help: "Show at most this many parcels.")
    var limit: Int?
    @Option(help: "Order: id (default), area (largest cadastral area first) or distance (nearest first; the default with --near).")
    var sort: ParcelSort?
    @Option(help: "Continue a listing from where a page with --limit ended (the token it printed).")
    var pageToken: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionRanges.count(limit, "--limit")
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let query = site.query(filter, sort: sort, limit: limit, pageToken: pageToken)
            let page = try registry.findParcels(query)
            let hits = page.hits
            if output.json {
                // The listing stays a JSON array; the next page's token goes to standard error.
                if let next = page.nextPageToken { FileHandle.standardError.write(Data("next page: --page-token \(next)\n".utf8)) }
                return try CLI.printJSON(hits)
            }
            let rows = hits.map { h in
                let p = h.parcel
                return [p.parcelID, p.zone ?? "", p.status?.rawValue ?? "", p.disposalMethod?.rawValue ?? "",
                        p.cadastralAreaMu.map { Format.fixed($0, 3) } ?? "—", Format.fixed(p.ellipsoidalAreaMu, 3)]
                    + (query.near == nil ? [] : [Format.fixed(h.distanceKm ?? 0, 3)])
            }
            let header = ["parcel", "zone", "status", "disposal", "cadastral mu", "ellipsoidal mu"]
                + (query.near == nil ? [] : ["distance km"])
            print(Format.table(header, rows, rightAligned: [4, 5, 6]))
            print("\(hits.count) parcels")
            if let next = page.nextPageToken { print("more: the next page with --page-token \(next)") }
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

extension ParcelSort: ExpressibleByArgument {}

extension ParcelStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

import ArgumentParser
import Foundation
import LandbankMatching
import LandbankRegistry

struct BlocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocks",
        abstract: "List the contiguous blocks of available land of at least a size (连片, e.g. 500 mu).",
        discussion: """
            Available parcels (each zone's offered statuses) that touch or lie within --tolerance metres are \
            joined, transitively, into blocks: their summed cadastral area, their parcels and the union of their \
            shapes (GEOS). A gap wider than the tolerance is never crossed. Largest block first.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "Only blocks of at least this cadastral area, mu.") var minMu: Double
    @Option(help: "Join parcels touching or within this many metres.") var tolerance: Double = 5
    @Option(help: "Only parcels of this zone.") var zone: String?
    @Option(help: "Also write the blocks as RFC 7946 GeoJSON to this file.") var geojson: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard minMu.isFinite, minMu >= 0 else { throw ValidationError("--min-mu must be 0 or more, not \(minMu)") }
        guard tolerance.isFinite, (0...1000).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 1000 m, not \(tolerance)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let book = try PolicyBook(registry: registry)
            let blocks = try BlockFinder.find(registry, book: book, minMu: minMu, toleranceM: tolerance, zone: zone)
            if let geojson {
                var map = try SiteMap(registry: registry)
                map.add(blocks)
                try MatchText.write(try map.data(name: "blocks"), to: geojson, registry: target.registry)
            }
            if output.json {
                struct Out: Encodable { var blocks: [Block]; var min_mu: Double; var tolerance_m: Double }
                return try CLI.printJSON(Out(blocks: blocks, min_mu: minMu, tolerance_m: tolerance))
            }
            let rows = blocks.enumerated().map { i, b in
                [String(i + 1), Format.fixed(b.areaMu, 3), String(b.parcels.count), b.zones.joined(separator: ","),
                 Format.fixed(b.shape.compactness, 2), b.parcels.joined(separator: " ")]
            }
            print(Format.table(["block", "mu", "parcels", "zones", "compactness", "parcel ids"], rows, rightAligned: [0, 1, 2, 4]))
            print("\(blocks.count) block\(blocks.count == 1 ? "" : "s") of at least \(Format.fixed(minMu, 3)) mu (tolerance \(Format.fixed(tolerance, 1)) m)")
        }
    }
}

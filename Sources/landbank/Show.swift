import ArgumentParser
import LandbankRegistry

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one parcel: attributes, both areas, geometry summary.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The parcel id.")
    var parcel: String
    @Flag(help: "List the parcels that touch this one or lie within --tolerance, with the boundary they share.")
    var neighbours = false
    @Option(help: "With --neighbours: the gap in metres still counted as touching (survey slivers).")
    var tolerance: Double = 0.5
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard tolerance.isFinite, (0...1000).contains(tolerance) else {
            throw ValidationError("--tolerance must be from 0 to 1000 m, not \(tolerance)")
        }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            if neighbours { return try printNeighbours(registry) }
            guard let detail = try registry.parcelDetail(id: parcel) else {
                throw CLIError("\(target.registry): no parcel with id \"\(parcel)\"", .notFound)
            }
            if output.json { return try CLI.printJSON(detail) }
            let p = detail.parcel
            var lines: [(String, String)] = [
                ("parcel", p.parcelID), ("name", p.name ?? ""), ("zone", p.zone ?? ""), ("land use", p.landUse ?? ""),
                ("status", p.status.map { "\($0.rawValue) (\($0.chineseName))" } ?? ""),
                ("disposal", p.disposalMethod.map { "\($0.rawValue) (\($0.chineseName))" } ?? ""),
            ]
            if let c = p.cadastralAreaM2 {
                lines.append(("cadastral area", "\(Format.fixed(c, 2)) m² = \(Format.fixed(p.cadastralAreaMu!, 3)) mu (planar, \(registry.crs.identifier))"))
            }
            lines.append(("ellipsoidal area", "\(Format.fixed(p.ellipsoidalAreaM2, 2)) m² = \(Format.fixed(p.ellipsoidalAreaMu, 3)) mu (\(detail.ellipsoid) ellipsoid)"))
            if p.areasStale {
                lines.append(("areas", "STALE: the geometry was changed outside landbank; `landbank verify --repair` measures it again"))
            }
            lines.append(("geometry", "\(detail.parts) part(s), \(detail.holes) hole(s), \(detail.vertices) vertices"))
            let e = detail.envelope
            lines.append(("envelope", "x \(Format.fixed(e.minX, 3))…\(Format.fixed(e.maxX, 3)), y \(Format.fixed(e.minY, 3))…\(Format.fixed(e.maxY, 3))"))
            lines.append(("centroid (lon/lat)", "\(Format.fixed(detail.centroidLonLat.x, 7)), \(Format.fixed(detail.centroidLonLat.y, 7))"))
            if !detail.buildings.isEmpty {
                lines.append(("buildings", "\(detail.buildings.count): \(detail.buildings.joined(separator: ", ")); \(Format.fixed(detail.floorAreaM2, 0)) m² of floor space"))
            }
            for s in detail.contracts {
                let c = s.contract
                lines.append(("contract", "\(c.contractNumber), \(c.holder), land price \(c.landPrice) yuan, agreed start \(c.agreedStart)"
                    + (s.terminatedOn.map { ", ended \($0)" } ?? ", in force")))
            }
            if let e = detail.lastEvent {
                lines.append(("latest event", "#\(e.id) \(e.date) \(e.kind.rawValue)\(e.status.map { " → \($0.rawValue)" } ?? "") by \(e.recordedBy) (see `landbank history`)"))
            }
            lines.append(("other properties", p.properties))
            lines.append(("imported at", p.importedAt))
            Format.keyValues(lines)
        }
    }

    func printNeighbours(_ registry: Registry) throws {
        guard try registry.parcel(id: parcel) != nil else {
            throw CLIError("\(target.registry): no parcel with id \"\(parcel)\"")
        }
        let list = try registry.neighbours(of: parcel, tolerance: tolerance)
        if output.json { return try CLI.printJSON(list) }
        print(Format.table(["neighbour", "distance m", "shared boundary m"],
                           list.map { [$0.parcelID, Format.fixed($0.distanceM, 3), Format.fixed($0.sharedBoundaryM, 2)] },
                           rightAligned: [1, 2]))
        print("\(list.count) neighbours of \(parcel) within \(Format.fixed(tolerance, 2)) m")
    }
}

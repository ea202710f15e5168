import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct BuildingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "building",
        abstract: "Factory buildings (厂房) on the parcels: import, list, show.",
        subcommands: [ImportBuildings.self, ListBuildings.self, ShowBuilding.self])
}

struct ListBuildings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List buildings with floor space and vacancy (--status is the building's own, --zone its parcel's).",
        discussion: "Filters combine with AND. With --near the list is nearest first with the distance to the footprint.")

    @OptionGroup var target: RegistryArgument
    @OptionGroup var filter: FilterOptions
    @Option(help: "Only the buildings on this parcel.") var parcel: String?
    @OptionGroup var near: NearOptions
    @OptionGroup var buildings: BuildingFilterOptions
    @Option(help: "Show at most this many.") var limit: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionRanges.count(limit, "--limit")
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let query = BuildingQuery(criteria: buildings.criteria, status: filter.status, parcelZone: filter.zone,
                                      parcelID: parcel, near: near.point, limit: limit)
            let hits = try registry.findBuildings(query).hits
            if output.json { return try CLI.printJSON(hits) }
            let rows = hits.map { h in
                let b = h.building
                return [b.buildingID, b.parcelID, b.status?.rawValue ?? "", b.standardFactory ? "yes" : "",
                        Format.fixed(b.floorAreaM2, 0), b.vacantFloorAreaM2.map { Format.fixed($0, 0) } ?? "—",
                        b.clearHeightM.map { Format.fixed($0, 1) } ?? "—", b.powerKVA.map { Format.fixed($0, 0) } ?? "—"]
                    + (query.near == nil ? [] : [Format.fixed(h.distanceKm ?? 0, 3)])
            }
            let header = ["building", "parcel", "status", "standard", "floor m²", "vacant m²", "clear height m", "power kVA"]
                + (query.near == nil ? [] : ["distance km"])
            print(Format.table(header, rows, rightAligned: [4, 5, 6, 7, 8]))
            print("\(hits.count) buildings, \(Format.fixed(hits.reduce(0) { $0 + $1.building.floorAreaM2 }, 0)) m² of floor space")
        }
    }
}

struct ShowBuilding: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one building.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The building id.") var building: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            guard let b = try registry.building(id: building) else {
                throw CLIError("\(target.registry): no building with id \"\(building)\"", .notFound)
            }
            if output.json { return try CLI.printJSON(b) }
            func opt<T>(_ v: T?, _ unit: String = "") -> String { v.map { "\($0)\(unit)" } ?? "—" }
            Format.keyValues([
                ("building", b.buildingID), ("parcel", b.parcelID), ("name", opt(b.name)),
                ("floor area", "\(Format.fixed(b.floorAreaM2, 0)) m² (surveyed)"),
                ("vacant", opt(b.vacantFloorAreaM2.map { Format.fixed($0, 0) }, " m²")),
                ("footprint", "\(b.footprintAreaM2.map { Format.fixed($0, 2) + " m² planar, " } ?? "")\(Format.fixed(b.footprintEllipsoidalAreaM2, 2)) m² ellipsoidal"),
                ("storeys", opt(b.storeys)), ("clear height", opt(b.clearHeightM, " m")),
                ("floor load", opt(b.floorLoadKNm2, " kN/m²")), ("power", opt(b.powerKVA, " kVA")),
                ("crane", opt(b.craneT, " t")), ("structure", opt(b.structure?.rawValue)), ("year built", opt(b.yearBuilt)),
                ("standard factory", b.standardFactory ? "yes (标准厂房)" : "no"),
                ("rent", opt(b.rentYuanM2Month, " yuan/m²/month")), ("available from", opt(b.availableFrom)),
                ("status", opt(b.status.map { "\($0.rawValue) (\($0.chineseName))" })),
                ("disposal", opt(b.disposalMethod?.rawValue)), ("other properties", b.properties),
            ])
        }
    }
}

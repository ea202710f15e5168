import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ProjectAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign parcels or factory floor space to a project (both histories, one transaction).",
        discussion: """
            Each parcel and building becomes assigned through the lifecycle (from recovered, revitalized or \
            approved_not_supplied, and never under a supply contract in force); a building's vacant floor space \
            shrinks by --floor-space (default: all of it); the project's history records the sites. The project \
            must be decided or later, and not ended. Any refusal writes nothing.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @Option(parsing: .upToNextOption, help: "Parcel ids.") var parcels: [String] = []
    @Option(name: .customLong("building"), parsing: .upToNextOption, help: "Building ids.") var buildings: [String] = []
    @Option(help: "Floor space the project takes in each building, m² (default: all that is vacant).") var floorSpace: Double?
    @Option(help: "The date (default today).") var date: CivilDate?
    @Option(help: "A note.") var note: String?
    @OptionGroup var recorder: RecorderOption

    func validate() throws {
        if parcels.isEmpty && buildings.isEmpty { throw ValidationError("give --parcels or --building") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let split = { (ids: [String]) in ids.flatMap { $0.split(separator: ",").map(String.init) } }
            let e = try CLI.open(target.registry).assignSites(
                project: id, parcels: split(parcels), buildings: split(buildings), floorSpaceM2: floorSpace,
                on: date ?? .today(), by: recorder.recordedBy, note: note)
            print("project \(id): assigned \(e.sites.joined(separator: ", ")) on \(e.date) (event #\(e.id))")
        }
    }
}

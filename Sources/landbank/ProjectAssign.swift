import ArgumentParser
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

struct ProjectAssign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign parcels or factory floor space to a project (both histories, one transaction).",
        discussion: """
            Each parcel and building becomes assigned through the lifecycle (from recovered, revitalized or \
            approved_not_supplied, and never under a supply contract in force); a building's vacant floor space \
            shrinks by --floor-space (default: all of it); the project's history records the sites. The project \
            must be decided or later, and not ended. Any refusal writes nothing.

            --batch FILE accepts a joint assignment: the output of `landbank match REG --batch DEMANDS.json --json` \
            (`-` reads it from standard input), each assignment's `demand` naming a project (its id, or the id of \
            the demand recorded on it). Every project's sites are written in one transaction, or none of them: a \
            site taken since the answer was made refuses the whole batch. A building's `floor_space_m2` is what \
            that project takes there.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id (not with --batch).") var id: String?
    @Option(help: "Accept a `match --batch --json` answer: every assignment, in one transaction (`-`: stdin).") var batch: String?
    @Option(parsing: .upToNextOption, help: "Parcel ids.") var parcels: [String] = []
    @Option(name: .customLong("building"), parsing: .upToNextOption, help: "Building ids.") var buildings: [String] = []
    @Option(help: "Floor space the project takes in each building, m² (default: all that is vacant).") var floorSpace: Double?
    @Option(help: "The date (default today).") var date: CivilDate?
    @Option(help: "A note.") var note: String?
    @OptionGroup var recorder: RecorderOption

    func validate() throws {
        if batch != nil {
            if id != nil || !parcels.isEmpty || !buildings.isEmpty || floorSpace != nil {
                throw ValidationError("--batch names the projects and sites itself: give no project id, --parcels, --building or --floor-space")
            }
        } else {
            if id == nil { throw ValidationError("give the project's id, or --batch FILE") }
            if parcels.isEmpty && buildings.isEmpty { throw ValidationError("give --parcels or --building") }
        }
    }

    func run() throws {
        if let batch { return try accept(batch) }
        // validate() made sure the id is given without --batch.
        let id = self.id!
        try CLI.run(registry: target.registry) {
            let split = { (ids: [String]) in ids.flatMap { $0.split(separator: ",").map(String.init) } }
            let e = try CLI.open(target.registry).assignSites(
                project: id, parcels: split(parcels), buildings: split(buildings), floorSpaceM2: floorSpace,
                on: date ?? .today(), by: recorder.recordedBy, note: note)
            print("project \(id): assigned \(e.sites.joined(separator: ", ")) on \(e.date) (event #\(e.id))")
        }
    }

    func accept(_ file: String) throws {
        try CLI.run(registry: target.registry) { try MatchText.listingEach {
            let list = try BatchAcceptance.read(try MatchText.contents(of: file), file: file == "-" ? "standard input" : file)
            let events = try CLI.open(target.registry).assignSites(list, on: date ?? .today(), by: recorder.recordedBy, note: note)
            for e in events { print("project \(e.projectID): assigned \(e.sites.joined(separator: ", ")) on \(e.date) (event #\(e.id))") }
            print("\(events.count) project\(events.count == 1 ? "" : "s") given sites in one transaction")
        } }
    }
}

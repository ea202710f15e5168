import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Money: ExpressibleByArgument {
    public init?(argument: String) { self.init(yuan: argument) }
}

extension DisposalMethod: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

extension DelayCause: ExpressibleByArgument {}

/// Who records a change: required wherever history is written.
struct RecorderOption: ParsableArguments {
    @Option(name: .customLong("by"), help: "Who records it (kept in the history).")
    var recordedBy: String
}

/// Whether an id names a building rather than a parcel.
struct SubjectOption: ParsableArguments {
    @Flag(help: "The id is a building's, not a parcel's.")
    var building = false

    func subject(_ id: String) -> Subject { Subject(building ? .building : .parcel, id) }
}

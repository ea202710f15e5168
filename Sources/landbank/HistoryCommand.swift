import ArgumentParser
import LandbankGeometry
import LandbankLifecycle
import LandbankRegistry

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The whole story of a parcel or building, oldest event first.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The parcel (or, with --building, building) id.") var id: String
    @OptionGroup var which: SubjectOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let events = try registry.history(of: which.subject(id))
            if output.json { return try CLI.printJSON(events) }
            if events.isEmpty { return print("\(which.subject(id)): no events") }
            let rows = events.map { e in
                ["#\(e.id)", e.date.description, e.kind.rawValue, e.status?.rawValue ?? "", e.disposalMethod?.rawValue ?? "",
                 e.amount.map { $0.fen >= 0 ? "+\($0)" : "\($0)" } ?? "", e.legalBasis ?? "", e.recordedBy,
                 (e.corrects.map { "corrects #\($0): " } ?? "") + (e.note ?? "")]
            }
            print(Format.table(["event", "date", "kind", "status", "disposal", "yuan", "legal basis", "by", "note"], rows,
                               rightAligned: [5]))
        }
    }
}

struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append a status change to a parcel's or building's history (or a CSV file of them).",
        discussion: """
            The change must follow the lifecycle (e.g. idle → under_recovery → recovered → revitalized/assigned), \
            be dated no earlier than the previous event, and land under a supply contract in force cannot be \
            assigned. Recovery ends the contract. History is never changed: use `landbank correct` for mistakes.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The parcel (or building) id; omit with --csv.") var id: String?
    @Option(help: "A CSV of events: parcel_id|building_id, date, status, disposal_method, legal_basis, amount_yuan, recorded_by, note.")
    var csv: String?
    @OptionGroup var which: SubjectOption
    @Option(help: "The date of the event (YYYY-MM-DD).") var date: CivilDate?
    @Option(help: "The new status.") var status: ParcelStatus?
    @Option(help: "How it was disposed of: land_recovery, acquisition, lease, capital_increase, swap, restructuring.")
    var method: DisposalMethod?
    @Option(help: "The legal basis or document number.") var basis: String?
    @Option(help: "Money received by the zone, yuan (e.g. an idle fee or rent).") var received: Money?
    @Option(help: "Money paid by the zone, yuan (e.g. acquisition compensation).") var paid: Money?
    @Option(name: .customLong("by"), help: "Who records it (for --csv: default for rows without recorded_by).")
    var recordedBy: String?
    @Option(help: "A note.") var note: String?
    @Flag(help: "Confirm the parcel for the inefficient-land list (低效用地), with --basis (e.g. \"grade D 2024\" from `landbank grade`); a mark in its history, not a status change.")
    var inefficient = false
    @Flag(name: .customLong("lift-inefficient"), help: "Take the parcel off the inefficient-land list, with --basis.")
    var liftInefficient = false

    func validate() throws {
        if inefficient || liftInefficient {
            guard !(inefficient && liftInefficient), csv == nil, status == nil, method == nil, received == nil, paid == nil else {
                throw ValidationError("--inefficient and --lift-inefficient take the id, --date, --basis and --by only")
            }
            guard id != nil, date != nil, basis != nil, recordedBy != nil else {
                throw ValidationError("give the id, --date, --basis and --by with --inefficient or --lift-inefficient")
            }
            return
        }
        if csv == nil {
            guard id != nil, date != nil, status != nil, recordedBy != nil else {
                throw ValidationError("give the id, --date, --status and --by (or --csv FILE)")
            }
        }
        if received != nil && paid != nil { throw ValidationError("give --received or --paid, not both") }
        try OptionRanges.amount(received, "--received", hint: "; money the zone pays is --paid")
        try OptionRanges.amount(paid, "--paid", hint: "; money the zone receives is --received")
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            if let csv {
                let n = try registry.importEvents(csv: csv, recordedBy: recordedBy)
                return print("recorded \(n) events from \(csv)")
            }
            // validate() guarantees these.
            if inefficient || liftInefficient {
                let e = inefficient
                    ? try registry.markInefficient(parcelID: id!, date: date!, basis: basis!, recordedBy: recordedBy!, note: note)
                    : try registry.liftInefficient(parcelID: id!, date: date!, basis: basis!, recordedBy: recordedBy!, note: note)
                return print("recorded event #\(e.id): parcel \(id!) \(inefficient ? "confirmed on" : "taken off") the inefficient-land list from \(e.date) (\(basis!))")
            }
            let amount = received ?? paid.map { Money(fen: -$0.fen) }
            let e = try registry.record(NewEvent(subject: which.subject(id!), date: date!, status: status, disposalMethod: method,
                                                 legalBasis: basis, amount: amount, recordedBy: recordedBy!, note: note))
            print("recorded event #\(e.id): \(e.subject) is \(e.status?.rawValue ?? "") from \(e.date)")
        }
    }
}

struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a mistaken event by appending one that says so (history is never edited).",
        discussion: """
            The correction stands at the place in time of the event it corrects, and the corrected history must \
            follow the same transitions as `record`. Only a registered or status event can have its status or \
            disposal method corrected; other events take a note-only correction. To correct a correction, correct \
            the original event again: its latest correction wins.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The number of the mistaken event (see `landbank history`).") var event: Int64
    @Option(help: "The date of the correction.") var date: CivilDate
    @Option(help: "The status the subject should have.") var status: ParcelStatus?
    @Option(help: "The disposal method it should have.") var method: DisposalMethod?
    @Option(help: "What was wrong.") var note: String
    @OptionGroup var recorder: RecorderOption

    func validate() throws {
        if event < 1 { throw ValidationError("the event number must be 1 or more (see `landbank history`), not \(event)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let e = try registry.correct(eventID: event, date: date, status: status, disposalMethod: method,
                                         recordedBy: recorder.recordedBy, note: note)
            print("recorded event #\(e.id) correcting #\(event)")
        }
    }
}

struct Reshape: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace a parcel's or building's geometry, keeping the previous one in the history.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The parcel (or building) id.") var id: String
    @OptionGroup var which: SubjectOption
    @Option(help: "The new geometry as WKT (POLYGON or MULTIPOLYGON).") var wkt: String
    @Option(help: "CRS of the WKT (default: the registry's).") var crs: String?
    @Option(help: "The date of the change.") var date: CivilDate
    @Option(help: "Why (e.g. the survey that remeasured it).") var note: String?
    @OptionGroup var recorder: RecorderOption

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let g = try WKT.parse(wkt).geometry
            let e = try registry.replaceGeometry(of: which.subject(id), with: g, crs: crs, date: date,
                                                 recordedBy: recorder.recordedBy, note: note)
            print("recorded event #\(e.id): new geometry for \(e.subject); the previous one is kept")
        }
    }
}

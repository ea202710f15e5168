import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ProjectAmend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend", abstract: "Change a project's agreement or record, kept in its history with the old values.",
        discussion: """
            Each option given replaces that value; the change is an amendment event in the project's hash-chained \
            history (date, --by, --note saying why, every changed field with its old and new value), shown by \
            `project show`. Amounts in yuan. A project must have a stage before its record can change.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @Option(help: "Promised investment, yuan.") var investment: Money?
    @Option(name: .customLong("output"), help: "Promised annual output, yuan.") var annualOutput: Money?
    @Option(help: "Promised annual tax, yuan.") var tax: Money?
    @Option(help: "Promised jobs.") var jobs: Int?
    @Option(help: "Floor space to fill, m².") var floorSpace: Double?
    @Option(help: "Firms an industrial-park developer promises to bring in.") var tenants: Int?
    @Option(help: "Deadline to sign (YYYY-MM-DD).") var signBy: CivilDate?
    @Option(help: "Deadline to land.") var landBy: CivilDate?
    @Option(help: "Deadline to start building.") var startBy: CivilDate?
    @Option(help: "Deadline to produce.") var productionBy: CivilDate?
    @Option(help: "Deadline to reach the promised figures.") var figuresBy: CivilDate?
    @Option(help: "The investor.") var investor: String?
    @Option(help: "The team that owns it.") var team: String?
    @Option(help: "Why the project falls short: market or investor.") var cause: ShortfallCause?
    @Option(help: "Whether it is a strategic emerging industry project (战新项目): yes or no.") var strategicEmerging: YesNo?
    @Option(help: "The investor's class: top500, private500, multinational, listed, industry_leader.") var investorClass: InvestorClass?
    @Option(help: "The date of the change (default today).") var date: CivilDate?
    @Option(help: "Why it changes (required: the history keeps it).") var note: String
    @OptionGroup var recorder: RecorderOption
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            guard var p = try registry.project(id: id) else { throw CLIError("\(target.registry): no project \(id)", .notFound) }
            func set<T>(_ v: T?, _ k: WritableKeyPath<ProjectAgreement, T?>) { if let v { p.agreement[keyPath: k] = v } }
            set(investment, \.investment); set(annualOutput, \.annualOutput); set(tax, \.annualTax); set(jobs, \.jobs)
            set(floorSpace, \.floorSpaceM2); set(tenants, \.tenants); set(signBy, \.signBy); set(landBy, \.landBy)
            set(startBy, \.startBy); set(productionBy, \.productionBy); set(figuresBy, \.figuresBy)
            if let investor { p.investor = investor }
            if let team { p.team = team }
            if let cause { p.cause = cause }
            if let strategicEmerging { p.strategicEmerging = strategicEmerging.value }
            if let investorClass { p.investorClass = investorClass }
            let e = try registry.amendProject(p, on: date ?? .today(), by: recorder.recordedBy, why: note)
            if output.json { return try CLI.printJSON(e) }
            print("project \(id): amended on \(e.date) (event #\(e.id)): " + e.changes.map(ProjectText.change).joined(separator: "; "))
        }
    }
}

/// yes/no on the command line.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
    var value: Bool { self == .yes }
}

extension InvestorClass: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

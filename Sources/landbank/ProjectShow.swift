import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct ProjectShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One project: its agreement, history, actuals and incentives.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @OptionGroup var output: OutputOptions

    struct Shown: Encodable {
        var project: Project
        var history: [ProjectEvent]
        var actuals: [ProjectActual]
        var incentives: [ProjectIncentive]
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            guard let p = try registry.project(id: id) else { throw CLIError("\(target.registry): no project \(id)", .notFound) }
            let history = try registry.projectHistory(id: id)
            let (actuals, incentives) = try registry.projectFigures(id: id)
            if output.json { return try CLI.printJSON(Shown(project: p, history: history, actuals: actuals, incentives: incentives)) }
            let a = p.agreement
            func count(_ n: Int?) -> String { n.map(String.init) ?? "—" }
            func date(_ d: CivilDate?) -> String { d?.description ?? "—" }
            Format.keyValues([
                ("project", "\(p.id)  \(p.name)"), ("investor", p.investor ?? "—"), ("industry", p.industry ?? "—"),
                ("team", p.team ?? "—"), ("zone", p.zone ?? "—"), ("stage", ProjectText.stage(p.stage)),
                ("cause if short", p.cause.map { "\($0.rawValue) (\($0.chineseName))" } ?? "—"),
                ("strategic emerging", p.strategicEmerging.map { $0 ? "yes (战新项目)" : "no" } ?? "—"),
                ("investor class", p.investorClass.map { "\($0.rawValue) (\($0.chineseName))" } ?? "—"),
                ("investment", ProjectText.money(a.investment)), ("annual output", ProjectText.money(a.annualOutput)),
                ("annual tax", ProjectText.money(a.annualTax)), ("jobs", count(a.jobs)), ("firms to bring", count(a.tenants)),
                ("deadlines", "land \(date(a.landBy)), start \(date(a.startBy)), production \(date(a.productionBy)), figures \(date(a.figuresBy))"),
                ("demand", p.demandJSON ?? "—"),
            ])
            print("")
            print(Format.table(["event", "date", "stage", "by", "note"], history.map { e in
                ["#\(e.id)", e.date.description, ([.stage, .site].contains(e.kind) ? "" : "\(e.kind.rawValue): ") + ProjectText.stage(e.stage), e.recordedBy,
                 (e.sites.isEmpty ? "" : "sites \(e.sites.joined(separator: ", ")); ") + (e.corrects.map { "corrects #\($0): " } ?? "")
                    + (e.changes.isEmpty ? "" : e.changes.map(ProjectText.change).joined(separator: "; ") + "; ")
                    + (e.note.map { e.changes.isEmpty ? $0 : "why: \($0)" } ?? "")]
            }))
            if !actuals.isEmpty {
                print("")
                print(Format.table(["year", "invested", "output", "tax", "jobs", "firms"], actuals.map { x in
                    [String(x.year), ProjectText.money(x.investment), ProjectText.money(x.output), ProjectText.money(x.tax),
                     count(x.jobs), count(x.tenants)]
                }, rightAligned: [1, 2, 3, 4, 5]))
            }
            if !incentives.isEmpty {
                print("")
                print(Format.table(["date", "incentive", "amount", "basis"], incentives.map { i in
                    [i.date.description, i.kind.rawValue, ChineseAmount.text(i.amount), i.basis]
                }, rightAligned: [2]))
            }
        }
    }
}

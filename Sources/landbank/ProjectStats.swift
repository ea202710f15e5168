import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

extension PipelineGrouping: ExpressibleByArgument {}

struct ProjectStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Pipeline figures of a period: leads, in negotiation, signed and contracted capital, conversion.",
        discussion: """
            Leads: projects whose history begins in the period. In negotiation: at negotiating, evaluating or decided \
            on --to. Signed: first reached signed in the period, with the investment promised (合同资金). Conversion \
            and median days per stage are over the leads of the period.

            With --plan FILE (CSV or JSON, README "Plan targets"), prints progress against the plan instead, year \
            by year: projects signed and capital contracted against each team's targets (--by team) and the zone's, \
            with the percentage; and seed 002's structure: projects of each size class ("100", "50·20") and the \
            shares of leading-industry, strategic emerging and Fortune-500-class projects, each met or short, and why.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The period's first day.") var from: CivilDate
    @Option(help: "The period's last day (included).") var to: CivilDate
    @Option(help: "Group by team or industry.") var by: PipelineGrouping?
    @Option(help: "A plan of targets (CSV or JSON): print progress against it.") var plan: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if plan != nil && by == .industry { throw ValidationError("--plan sets targets per team: use --by team, or no --by") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            if let plan {
                let p = try ProjectPlan.read(path: plan)
                let progress = try CLI.open(target.registry, readOnly: true).planProgress(p, from: from, to: to, byTeam: by == .team)
                if output.json { return try CLI.printJSON(progress) }
                return print(PlanProgressText.text(progress))
            }
            let s = try CLI.open(target.registry, readOnly: true).pipelineStats(from: from, to: to, by: by)
            if output.json { return try CLI.printJSON(s) }
            func row(_ r: PipelineRow) -> [String] {
                [r.key, String(r.leads), ChineseAmount.text(r.leadInvestment), String(r.inNegotiation),
                 String(r.signed), ChineseAmount.text(r.signedInvestment)]
            }
            print("projects \(from) to \(to): \(s.total.signed) signed, \(ChineseAmount.text(s.total.signedInvestment)) contracted; "
                  + "\(s.total.leads) leads worth \(ChineseAmount.text(s.total.leadInvestment)); \(s.total.inNegotiation) in negotiation")
            print("")
            print(Format.table([s.groupedBy ?? "", "leads", "lead investment", "in negotiation", "signed", "contracted"],
                               s.groups.map(row) + [row(s.total)], rightAligned: [1, 2, 3, 4, 5]))
            print("")
            print(Format.table(["stage", "reached", "went on", "conversion", "median days"], s.conversion.map { c in
                [ProjectText.stage(c.stage), String(c.reached), String(c.wentOn),
                 c.reached > 0 ? "\(c.wentOn * 100 / c.reached)%" : "—",
                 c.medianDays.map { $0 == $0.rounded() ? String(Int($0)) : Format.fixed($0, 1) } ?? "—"]
            }, rightAligned: [1, 2, 3, 4]))
        }
    }
}

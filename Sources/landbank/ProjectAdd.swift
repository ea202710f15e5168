import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankRegistry

struct ProjectAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add one project, at the stage it has reached.",
        discussion: "Amounts in yuan (exact to the fen); the demand is a JSON file in the matcher's format (`landbank match`).")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @Option(help: "Its name.") var name: String
    @Option(help: "The investor.") var investor: String?
    @Option(help: "The industry (e.g. lithium_battery).") var industry: String?
    @Option(help: "The investment-promotion team that owns it.") var team: String?
    @Option(help: "The zone.") var zone: String?
    @Option(help: "A JSON file holding the investor's demand (one object).") var demand: String?
    @Option(help: "Promised investment, yuan.") var investment: Money?
    @Option(help: "Promised annual output, yuan.") var output: Money?
    @Option(help: "Promised annual tax, yuan.") var tax: Money?
    @Option(help: "Promised jobs.") var jobs: Int?
    @Option(help: "Firms an industrial-park developer promises to bring in.") var tenants: Int?
    @Option(help: "Deadline to land (YYYY-MM-DD).") var landBy: CivilDate?
    @Option(help: "Deadline to start building.") var startBy: CivilDate?
    @Option(help: "Deadline to produce.") var productionBy: CivilDate?
    @Option(help: "Deadline to reach the promised figures.") var figuresBy: CivilDate?
    @Option(help: "Whether it is a strategic emerging industry project (战新项目): yes or no.") var strategicEmerging: YesNo?
    @Option(help: "The investor's class: top500, private500, multinational, listed, industry_leader.") var investorClass: InvestorClass?
    @Option(help: "The stage it has reached (default lead).") var stage: ProjectStage = .lead
    @Option(help: "The date it reached it (default today).") var date: CivilDate?
    @OptionGroup var recorder: RecorderOption

    func run() throws {
        try CLI.run(registry: target.registry) {
            let demandJSON = try demand.map { file -> String in
                let text = try CLI.input(file) { try String(contentsOfFile: file, encoding: .utf8) }
                try ProjectText.checkDemand(text)
                return text
            }
            let p = Project(id: id, name: name, investor: investor, industry: industry, team: team, zone: zone, demandJSON: demandJSON,
                            agreement: ProjectAgreement(investment: investment, annualOutput: output, annualTax: tax, jobs: jobs,
                                                        tenants: tenants, landBy: landBy, startBy: startBy,
                                                        productionBy: productionBy, figuresBy: figuresBy),
                            strategicEmerging: strategicEmerging?.value, investorClass: investorClass)
            let registry = try CLI.open(target.registry)
            let added = try registry.addProject(p, stage: stage, on: date ?? .today(), by: recorder.recordedBy)
            print("added project \(added.id) at stage \(ProjectText.stage(added.stage))")
        }
    }
}

import ArgumentParser
import LandbankRegistry

struct ProjectList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The projects, by id.")

    @OptionGroup var target: RegistryArgument
    @Option(help: "Only this stage.") var stage: ProjectStage?
    @Option(help: "Only this team.") var team: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let all = try CLI.open(target.registry, readOnly: true).projects()
            let shown = all.filter { (stage == nil || $0.stage == stage) && (team == nil || $0.team == team) }
            if output.json { return try CLI.printJSON(shown) }
            print(Format.table(["project", "name", "team", "industry", "stage", "investment"], shown.map { p in
                [p.id, p.name, p.team ?? "", p.industry ?? "", p.stage?.rawValue ?? "", ProjectText.money(p.agreement.investment)]
            }, rightAligned: [5]))
            print("\(shown.count) of \(all.count) projects")
        }
    }
}

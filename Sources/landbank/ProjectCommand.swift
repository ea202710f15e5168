import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Investment projects (招商引资): stages from lead to production, actuals, incentives, the compliance ledger.",
        subcommands: [ProjectAdd.self, ProjectImport.self, ProjectShow.self, ProjectList.self, ProjectStageCommand.self,
                      ProjectActuals.self, ProjectIncentives.self, ProjectLedgerCommand.self, ProjectStatsCommand.self,
                      ProjectAssign.self, ProjectMatch.self, ProjectAmend.self])
}

extension ProjectStage: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

extension ShortfallCause: ExpressibleByArgument {}

enum ProjectText {
    /// Checks a demand in the matcher's format (one object) before the registry keeps it.
    static func checkDemand(_ json: String) throws {
        let demands = try DemandReader.read(Data(json.utf8), file: "the demand")
        if demands.count != 1 { throw CLIError("a project's demand is one object, not \(demands.count)") }
    }

    static func money(_ m: Money?) -> String { m.map(ChineseAmount.text) ?? "—" }

    static func stage(_ s: ProjectStage?) -> String { s.map { "\($0.rawValue) (\($0.chineseName))" } ?? "—" }

    /// "investment_yuan 6亿元 → 8亿元": amounts as the seeds write them, other values as they are.
    static func change(_ c: ProjectChange) -> String {
        func shown(_ v: String?) -> String {
            guard let v else { return "—" }
            return c.field.hasSuffix("_yuan") ? Money(yuan: v).map(ChineseAmount.text) ?? v : v
        }
        return "\(c.field) \(shown(c.old)) → \(shown(c.new))"
    }
}

import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankRegistry

struct ProjectLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "The compliance ledger: signed projects against their agreements (seed 000's counts).",
        discussion: """
            Met the agreement, never landed, still building (up to and including its deadline day) or short of it; \
            of those short, incentives fully paid or not; per project what falls short and by how much, and the \
            response: pause further incentives (the market changed), legal steps (the investor's own delay), land \
            recovery or the inefficient-land list (two years or more late), the breach clause (a park developer \
            short of firms).
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "Only projects signed on or after this date.") var since: CivilDate?
    @Option(help: "The date to judge on (default today).") var asOf: CivilDate?
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print CSV, one row per project.") var csv = false

    struct Summary: Encodable {
        var since: CivilDate?
        var asOf: CivilDate
        var projects: Int
        var counts: [String: Int]
        var shortIncentivesFullyPaid: Int
        var shortIncentivesNotFullyPaid: Int
        var shortNoIncentivesPromised: Int
        var entries: [LedgerEntry]
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let l = try CLI.open(target.registry, readOnly: true).projectLedger(since: since, asOf: asOf ?? .today())
            let inc = l.shortIncentives
            if output.json {
                return try CLI.printJSON(Summary(
                    since: l.since, asOf: l.asOf, projects: l.entries.count,
                    counts: Dictionary(uniqueKeysWithValues: LedgerClass.allCases.map { ($0.rawValue, l.count($0)) }),
                    shortIncentivesFullyPaid: inc.fullyPaid, shortIncentivesNotFullyPaid: inc.notFullyPaid,
                    shortNoIncentivesPromised: inc.nonePromised, entries: l.entries))
            }
            if csv { return print(LedgerText.csv(l), terminator: "") }
            print(LedgerText.summary(l))
            print("")
            print(LedgerText.table(l))
        }
    }
}

enum LedgerText {
    static func summary(_ l: ProjectLedger) -> String {
        let inc = l.shortIncentives
        let none = inc.nonePromised > 0 ? ", none promised \(inc.nonePromised)" : ""
        return """
            \(l.entries.count) projects signed \(l.since.map { "from \($0) " } ?? "")to \(l.asOf), as of \(l.asOf)
              met the agreement (达到协议约定)     \(l.count(.met))
              never landed (未落地)               \(l.count(.neverLanded))
              still building (建设期)             \(l.count(.building))
              short of the agreement (未达到)     \(l.count(.short))   incentives fully paid \(inc.fullyPaid), not fully paid \(inc.notFullyPaid)\(none)
            """
    }

    static func incentives(_ i: IncentiveStatus) -> String {
        i.state == .nonePromised ? "none promised" : "\(ChineseAmount.text(i.paid)) of \(ChineseAmount.text(i.promised)) paid"
    }

    static func shortText(_ e: LedgerEntry) -> String {
        e.shortfalls.map { "\($0.figure) \($0.percent)%" }.joined(separator: ", ")
    }

    static func table(_ l: ProjectLedger) -> String {
        let rows = l.entries.filter { $0.classification == .short || $0.classification == .neverLanded }.map { e in
            [e.projectID, e.classification.rawValue, e.stage.rawValue, shortText(e), e.overdue.map { "\($0.days) d (\($0.deadline))" } ?? "",
             incentives(e.incentives), e.response?.rawValue ?? ""]
        }
        var out = Format.table(["project", "class", "stage", "falls short (% of promised)", "late", "incentives", "response"], rows)
        out += "\n\nresponses (seed 000):\n"
        for e in l.entries where e.response != nil {
            out += "  \(e.projectID) \(e.response!.rawValue) (\(e.response!.chineseName)): \(e.reason ?? "")\n"
        }
        return out
    }

    static func csv(_ l: ProjectLedger) -> String {
        func q(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var out = "project_id,name,team,signed_on,stage,class,shortfalls,overdue_deadline,overdue_days,incentives_promised_yuan,incentives_paid_yuan,incentives,response,reason\n"
        for e in l.entries {
            let cells = [e.projectID, e.name, e.team ?? "", e.signedOn.description, e.stage.rawValue, e.classification.rawValue,
                         e.shortfalls.map(\.text).joined(separator: "; "), e.overdue?.deadline ?? "", e.overdue.map { String($0.days) } ?? "",
                         e.incentives.promised.yuanText, e.incentives.paid.yuanText, e.incentives.state.rawValue,
                         e.response?.rawValue ?? "", e.reason ?? ""]
            out += cells.map(q).joined(separator: ",") + "\n"
        }
        return out
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Pipeline figures (seeds 001 and 003)")
struct ProjectStatsTests {
    @Test("seed 003: eight teams found 135 leads worth 645.5亿元, have 76 in negotiation and signed 56 for 383.6亿元")
    func guian() throws {
        let r = try newRegistry()
        #expect(try r.importProjects(path: fixture("projects-guian-2023.csv"), recordedBy: "fixture").added == 135)
        let s = try r.pipelineStats(from: day("2023-01-01"), to: day("2023-12-20"), by: .team)
        #expect(s.total.signed == 56)
        #expect(ChineseAmount.text(s.total.signedInvestment) == "383.6亿元")
        #expect(s.total.leads == 135)
        #expect(ChineseAmount.text(s.total.leadInvestment) == "645.5亿元")
        #expect(s.total.inNegotiation == 76)
        #expect(s.groups.count == 8)
        #expect(s.groups.map(\.signed).reduce(0, +) == 56)
        #expect(s.groups.map(\.signedInvestment).reduce(.zero, +) == s.total.signedInvestment)
        let byStage = Dictionary(uniqueKeysWithValues: s.conversion.map { ($0.stage, $0) })
        #expect(byStage[.lead]?.reached == 135 && byStage[.lead]?.wentOn == 135)
        // 56 signed went on, and the 25 of the 76 in negotiation that reached evaluating
        #expect(byStage[.negotiating]?.reached == 132 && byStage[.negotiating]?.wentOn == 56 + 25)
        #expect(byStage[.signed]?.reached == 56 && byStage[.signed]?.wentOn == 0)
        #expect((byStage[.following]?.medianDays ?? 0) > 0)
    }

    @Test("seed 001: 17 projects signed in the first quarter for 65.1亿元; signings either side are not counted")
    func xinyu() throws {
        let r = try newRegistry()
        try r.importProjects(path: fixture("projects-xinyu-2024q1.csv"), recordedBy: "fixture")
        let s = try r.pipelineStats(from: day("2024-01-01"), to: day("2024-03-31"))
        #expect(s.total.signed == 17)
        #expect(ChineseAmount.text(s.total.signedInvestment) == "65.1亿元")
        #expect(s.total.inNegotiation == 2)   // the Q2 signing was still in negotiation on 2024-03-31, and the 数控机床 lead
        #expect(throws: RegistryError.self) { try r.pipelineStats(from: day("2024-04-01"), to: day("2024-03-31")) }
    }

    @Test("median days: the middle value, or the mean of the two middle ones")
    func median() {
        #expect(PipelineRules.median([]) == nil)
        #expect(PipelineRules.median([30, 10, 20]) == 20)
        #expect(PipelineRules.median([10, 20, 31, 40]) == 25.5)
    }
}

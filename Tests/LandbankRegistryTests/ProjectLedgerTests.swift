import Foundation
import Testing
@testable import LandbankRegistry

@Suite("The compliance ledger (seed 000)")
struct ProjectLedgerTests {
    func entry(_ r: Registry, _ id: String, asOf: String) throws -> LedgerEntry {
        try #require(try r.projectLedger(asOf: day(asOf)).entries.first { $0.projectID == id })
    }

    @Test("a deadline on the ledger's date is still within time; the day after, the project falls short")
    func deadlineToday() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("D1"), signed: "2021-06-30", then: [(.building, "2021-10-01"), (.producing, "2023-06-01")])
        #expect(try entry(r, "D1", asOf: "2024-06-30").classification == .building)
        let late = try entry(r, "D1", asOf: "2024-07-01")
        #expect(late.classification == .short)
        #expect(late.overdue == Overdue(deadline: "figures", date: day("2024-06-30"), days: 1))
    }

    @Test("what falls short and by how much: investment 38% of promised, output 0")
    func shortfalls() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("S1", cause: .investor, figuresBy: day("2023-06-30")), signed: "2020-01-10", then: [(.building, "2020-09-01")])
        try r.importProjectActuals(path: try writeFile("a.csv", "project_id,year,investment_yuan,jobs\nS1,2021,3000000,10\nS1,2022,800000,12\n"))
        let e = try entry(r, "S1", asOf: "2024-06-30")
        #expect(e.classification == .short)
        #expect(e.shortfalls.map(\.text) == ["investment 380万元 of 1000万元 (38%)", "output 0元 of 2000万元 (0%)",
                                             "tax 0元 of 100万元 (0%)", "jobs 12 of 100 (12%)"])
        #expect(e.shortfalls[0].actual == "3800000.00")
        #expect(e.overdue?.days == 366)  // 2023-06-30 → 2024-06-30 (2024 is a leap year)
        #expect(e.response == .legalSteps)
        #expect(e.reason?.contains("the investor's own delay") == true)
    }

    @Test("incentives partly paid are not fully paid; paid in full in two parts are")
    func incentives() throws {
        let r = try newRegistry()
        for id in ["I1", "I2", "I3"] {
            try r.addSigned(sampleProject(id, cause: .market, figuresBy: day("2023-06-30")), signed: "2020-03-01",
                            then: [(.building, "2020-06-01"), (.producing, "2022-01-01")])
        }
        try r.importProjectIncentives(path: try writeFile("i.csv", """
            project_id,kind,amount_yuan,date,basis
            I1,promised,1000000,2020-03-01,协议
            I1,paid,600000,2021-03-01,设备补助
            I1,paid,400000,2022-03-01,税收奖励
            I2,promised,1000000,2020-03-01,协议
            I2,paid,999999.99,2021-03-01,设备补助
            I3,promised,1000000,2020-03-01,协议
            I3,paid,400000,2025-03-01,after the ledger's date

            """), recordedBy: "test")
        let l = try r.projectLedger(asOf: day("2024-06-30"))
        #expect(l.entries.map(\.incentives.state) == [.fullyPaid, .notFullyPaid, .notFullyPaid])
        #expect(l.shortIncentives.fullyPaid == 1 && l.shortIncentives.notFullyPaid == 2)
        #expect(l.entries.allSatisfy { $0.response == .pauseIncentives })
        #expect(l.entries[1].reason?.contains("0.01元 of incentives still unpaid are held back") == true)
    }

    @Test("responses: a park developer short of firms meets the breach clause; two years late is land recovery")
    func responses() throws {
        let r = try newRegistry()
        var park = sampleProject("PK", tenants: 40)
        park.agreement.annualOutput = nil; park.agreement.annualTax = nil; park.agreement.jobs = nil
        park.agreement.figuresBy = day("2022-12-31")
        try r.addSigned(park, signed: "2019-10-01", then: [(.building, "2020-01-01"), (.producing, "2021-06-01")])
        try r.addSigned(sampleProject("LR", cause: .investor, figuresBy: day("2022-06-30")), signed: "2019-06-01", then: [(.building, "2020-06-01")])
        try r.addSigned(sampleProject("NL"), signed: "2021-03-01")
        try r.importProjectActuals(path: try writeFile("a.csv", "project_id,year,investment_yuan,tenants\nPK,2022,10000000,12\nLR,2021,1000000,\n"))
        let l = try r.projectLedger(asOf: day("2024-06-30"))
        let byID = Dictionary(uniqueKeysWithValues: l.entries.map { ($0.projectID, $0) })
        #expect(byID["PK"]?.response == .breachClause)
        #expect(byID["PK"]?.reason?.contains("brought in 12 of the 40 firms promised (30%)") == true)
        #expect(byID["LR"]?.response == .landRecovery)
        #expect(byID["LR"]?.overdue?.days == 731)
        #expect(byID["NL"]?.classification == .neverLanded)    // signed, nothing invested, land date 2021-12-31 passed
        #expect(byID["NL"]?.overdue?.days == 912)
        #expect(byID["NL"]?.response == .landRecovery)
    }

    @Test("met: every promised figure reached; a project signed after the ledger's date or before --since is left out")
    func met() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("M1"), signed: "2020-01-01", then: [(.building, "2020-05-01"), (.producing, "2021-09-01")])
        try r.addSigned(sampleProject("LATE"), signed: "2024-07-01")
        try r.addProject(sampleProject("LEAD"), stage: .lead, on: day("2020-01-01"), by: "t")
        try r.importProjectActuals(path: try writeFile("a.csv", """
            project_id,year,investment_yuan,output_yuan,tax_yuan,jobs
            M1,2021,6000000,1000,10,50
            M1,2022,4000000,20000000,1000000,100

            """))
        let l = try r.projectLedger(asOf: day("2024-06-30"))
        #expect(l.entries.map(\.projectID) == ["M1"])
        #expect(l.entries[0].classification == .met)
        #expect(l.entries[0].response == nil)
        #expect(try r.projectLedger(since: day("2020-01-02"), asOf: day("2024-06-30")).entries.isEmpty)
    }

    @Test("the 83-project fixture reproduces seed 000: 4 met, 14 never landed, 25 building, 40 short (19 fully paid, 21 not)")
    func seed000() throws {
        let r = try newRegistry()
        let s = try r.importProjects(path: fixture("projects-xinjian-2019-2024.csv"), recordedBy: "fixture")
        #expect(s.added == 83)
        try r.importProjectActuals(path: fixture("projects-xinjian-actuals.csv"))
        try r.importProjectIncentives(path: fixture("projects-xinjian-incentives.csv"), recordedBy: "test")
        let l = try r.projectLedger(since: day("2019-07-01"), asOf: day("2024-06-30"))
        #expect(l.entries.count == 83)
        #expect(LedgerClass.allCases.map(l.count) == [4, 14, 25, 40])
        #expect(l.shortIncentives.fullyPaid == 19 && l.shortIncentives.notFullyPaid == 21 && l.shortIncentives.nonePromised == 0)
        let responses = Dictionary(grouping: l.entries.compactMap(\.response), by: { $0 }).mapValues(\.count)
        #expect(responses[.breachClause] == 4)
        #expect(responses[.pauseIncentives] == 14)
        // Importing all three again changes nothing.
        #expect(try r.importProjects(path: fixture("projects-xinjian-2019-2024.csv"), recordedBy: "fixture").unchanged == 83)
        #expect(try r.importProjectActuals(path: fixture("projects-xinjian-actuals.csv")).added == 0)
        #expect(try r.importProjectIncentives(path: fixture("projects-xinjian-incentives.csv"), recordedBy: "test").added == 0)
    }
}

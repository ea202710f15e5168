import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Agreement and incentive changes keep their history")
struct ProjectAmendmentTests {
    @Test("amending the agreement appends an event with date, who, why, old and new values; the chain stays intact")
    func amend() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("A1"), signed: "2022-01-10")
        var p = try #require(try r.project(id: "A1"))
        p.agreement.investment = Money(yuan: "8000000")
        p.agreement.figuresBy = day("2025-06-30")
        let e = try r.amendProject(p, on: day("2024-03-01"), by: "王", why: "补充协议：投资调减，达产期延后一年")
        #expect(e.kind == .amendment && e.stage == .signed && e.recordedBy == "王" && e.date == day("2024-03-01"))
        #expect(e.changes == [ProjectChange(field: "investment_yuan", old: "10000000.00", new: "8000000.00"),
                              ProjectChange(field: "figures_by", old: "2024-06-30", new: "2025-06-30")])
        #expect(try r.project(id: "A1")?.agreement.investment == Money(yuan: "8000000"))
        #expect(try r.project(id: "A1")?.stage == .signed)
        let history = try r.projectHistory(id: "A1")
        #expect(history.map(\.kind) == [.stage, .amendment])
        #expect(history[1].changes.count == 2 && history[1].note == "补充协议：投资调减，达产期延后一年")
        #expect(try r.verifyProjectHistory().isEmpty)
        // no reason, nothing to change, no such project: refused, nothing written
        p.agreement.jobs = 80
        #expect(throws: ProjectError.self) { try r.amendProject(p, on: day("2024-03-02"), by: "王", why: " ") }
        p.agreement.jobs = 100
        #expect(throws: ProjectError.self) { try r.amendProject(p, on: day("2024-03-02"), by: "王", why: "again") }
        #expect(try r.projectHistory(id: "A1").count == 2)
        try r.addProject(sampleProject("NOHIST"), stage: nil, on: day("2024-01-01"), by: "t")
        var q = try #require(try r.project(id: "NOHIST"))
        q.agreement.jobs = 5
        let refused = #expect(throws: ProjectError.self) { try r.amendProject(q, on: day("2024-03-02"), by: "王", why: "x") }
        #expect(refused?.message.contains("record its stage first") == true)
    }

    @Test("a re-import with a changed promise records the old value instead of overwriting it; the same file again records nothing")
    func reimport() throws {
        let r = try newRegistry()
        let header = "project_id,name,investment_yuan,figures_by,history,recorded_by,note\n"
        try r.importProjects(path: try writeFile("a.csv", header + "R1,甲,600000000,2026-06-30,lead=2024-01-02;signed=2024-05-01,招商局,\n"),
                             recordedBy: "t", today: day("2024-06-01"))
        let changed = try writeFile("b.csv", header + "R1,甲,450000000,2027-06-30,lead=2024-01-02;signed=2024-05-01,李,补充协议\n")
        let s = try r.importProjects(path: changed, recordedBy: "t", today: day("2024-09-01"))
        #expect(s.updated == 1 && s.events == 0)
        let history = try r.projectHistory(id: "R1")
        let amendment = try #require(history.last)
        #expect(amendment.kind == .amendment && amendment.recordedBy == "李" && amendment.note == "补充协议" && amendment.date == day("2024-09-01"))
        #expect(amendment.changes.contains(ProjectChange(field: "investment_yuan", old: "600000000.00", new: "450000000.00")))
        #expect(amendment.changes.contains(ProjectChange(field: "figures_by", old: "2026-06-30", new: "2027-06-30")))
        #expect(try r.importProjects(path: changed, recordedBy: "t", today: day("2024-10-01")).unchanged == 1)
        #expect(try r.projectHistory(id: "R1").count == history.count)
        // Without a note, the reason says where the change came from.
        try r.importProjects(path: try writeFile("c.csv", header + "R1,甲,460000000,2027-06-30,,,\n"), recordedBy: "t", today: day("2024-11-01"))
        #expect(try r.projectHistory(id: "R1").last?.note == "restated by the import of c.csv")
        #expect(try r.verifyProjectHistory().isEmpty)
    }

    @Test("every incentive is an event with the total before and after; a reduction is a further negative row; below zero writes nothing")
    func incentives() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("I1"), signed: "2021-01-10", then: [(.building, "2022-01-01")])
        let header = "project_id,kind,amount_yuan,date,basis\n"
        try r.importProjectIncentives(path: try writeFile("a.csv", header + "I1,promised,5000000,2021-01-10,协议\nI1,paid,2000000,2021-06-01,设备补助\n"),
                                      recordedBy: "财政局")
        try r.importProjectIncentives(path: try writeFile("b.csv", header + "I1,promised,-1000000,2023-03-01,补充协议：奖励调减\n"), recordedBy: "财政局")
        let events = try r.projectHistory(id: "I1").filter { $0.kind == .incentive }
        #expect(events.map(\.changes) == [
            [ProjectChange(field: "incentives_promised_yuan", old: "0.00", new: "5000000.00")],
            [ProjectChange(field: "incentives_paid_yuan", old: "0.00", new: "2000000.00")],
            [ProjectChange(field: "incentives_promised_yuan", old: "5000000.00", new: "4000000.00")],
        ])
        #expect(events.map(\.recordedBy) == ["财政局", "财政局", "财政局"] && events[2].note == "补充协议：奖励调减")
        // An incentive dated before the last stage change does not move the stage.
        #expect(try r.project(id: "I1")?.stage == .building)
        try r.recordStage(NewProjectEvent(projectID: "I1", date: day("2022-06-01"), stage: .producing, recordedBy: "t"))
        #expect(try r.project(id: "I1")?.stage == .producing)
        let below = try writeFile("c.csv", header + "I1,paid,500000,2023-04-01,设备补助\nI1,paid,-3000000,2023-05-01,冲正\n")
        let e = #expect(throws: ImportError.self) { try r.importProjectIncentives(path: below, recordedBy: "财政局") }
        #expect(e?.description.contains("row 2") == true && e?.description.contains("below zero") == true)
        #expect(try r.projectFigures(id: "I1").incentives.count == 3)
        #expect(try r.verifyProjectHistory().isEmpty)
        let ledger = try r.projectLedger(asOf: day("2024-06-30"))
        #expect(ledger.entries[0].incentives.promised == Money(yuan: "4000000") && ledger.entries[0].stage == .producing)
    }
}

import Foundation
import GRDB
import Testing
@testable import LandbankRegistry

@Suite("Project history: append-only, hash-chained, checked against the transitions")
struct ProjectHistoryTests {
    @Test("stage changes are kept in order; going backwards needs a correction that says why")
    func stages() throws {
        let r = try newRegistry()
        try r.addProject(sampleProject("P1"), stage: .lead, on: day("2023-01-05"), by: "王")
        try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-03-01"), stage: .negotiating, recordedBy: "王"))
        try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-06-30"), stage: .signed, recordedBy: "王"))
        #expect(try r.project(id: "P1")?.stage == .signed)
        #expect(throws: ProjectError.self) {
            try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-01"), stage: .negotiating, recordedBy: "王"))
        }
        #expect(throws: ProjectError.self) {   // a correction without a reason
            try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-01"), stage: .negotiating, recordedBy: "王", isCorrection: true))
        }
        #expect(throws: ProjectError.self) {   // before the last change
            try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-06-01"), stage: .building, recordedBy: "王"))
        }
        try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-01"), stage: .negotiating, recordedBy: "王",
                                          note: "the agreement was not signed: the investor's board refused it", isCorrection: true))
        let h = try r.projectHistory(id: "P1")
        #expect(h.map(\.stage) == [.lead, .negotiating, .signed, .negotiating])
        #expect(h.last?.isCorrection == true)
        #expect(try r.project(id: "P1")?.stage == .negotiating)
        // A correction names an event of its own project's stages: another project's, or none, is refused.
        try r.addProject(sampleProject("P2"), stage: .lead, on: day("2023-01-05"), by: "王")
        let other = try #require(try r.projectHistory(id: "P2").first).id
        #expect(throws: ProjectError.self) {
            try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-02"), stage: .signed, recordedBy: "王",
                                              note: "signed after all", isCorrection: true, corrects: other))
        }
        #expect(throws: ProjectError.self) {
            try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-02"), stage: .signed, recordedBy: "王",
                                              note: "signed after all", isCorrection: true, corrects: 9999))
        }
        let own = h[2].id
        try r.recordStage(NewProjectEvent(projectID: "P1", date: day("2023-07-02"), stage: .signed, recordedBy: "王",
                                          note: "signed after all", isCorrection: true, corrects: own))
        #expect(try r.project(id: "P1")?.stage == .signed && r.projectVersion(id: "P1") == r.projectHistory(id: "P1").last?.id)
        #expect(try r.verifyProjectHistory().isEmpty)
    }

    @Test("an UPDATE or DELETE through sqlite3 is refused; with the triggers dropped, the hash chain shows the edit")
    func appendOnly() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("P1"), signed: "2022-01-10", then: [(.building, "2022-05-01")])
        let update = try run("/usr/bin/sqlite3", [r.path, "UPDATE project_events SET stage = 'producing' WHERE id = 2"])
        #expect(update.status != 0)
        #expect(update.output.contains("append-only"))
        let delete = try run("/usr/bin/sqlite3", [r.path, "DELETE FROM project_events"])
        #expect(delete.status != 0)
        #expect(try r.projectHistory(id: "P1").map(\.stage) == [.signed, .building])
        try run("/usr/bin/sqlite3", [r.path, "DROP TRIGGER project_events_no_update; UPDATE project_events SET event_date = '2022-04-01' WHERE id = 2"])
        let problems = try r.verifyProjectHistory()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("project event #2") == true)
    }

    @Test("a stage change for a project not in the registry is not found")
    func unknown() throws {
        let r = try newRegistry()
        let e = #expect(throws: ProjectError.self) {
            try r.recordStage(NewProjectEvent(projectID: "nope", date: day("2023-01-01"), stage: .lead, recordedBy: "x"))
        }
        #expect(e?.category == .notFound)
    }

    @Test("verify's project checks: a stage set outside landbank, or a dropped trigger, is reported")
    func verifyChecks() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("V1"), signed: "2022-01-10")
        func problems() throws -> [String] {
            let q = try DatabaseQueue(path: r.path)
            defer { try? q.close() }
            return try q.read { db in
                var report = VerifyReport(checks: [])
                try GeoPackageStore.verifyProjects(db, &report, limit: 20)
                return report.checks.flatMap(\.problems)
            }
        }
        #expect(try problems().isEmpty)
        try run("/usr/bin/sqlite3", [r.path, "UPDATE projects SET stage = 'producing'; DROP TRIGGER project_events_no_delete"])
        #expect(try problems() == ["trigger project_events_no_delete is missing (dropped outside landbank?)",
                                   "project V1: stage producing, its history says signed"])
    }
}

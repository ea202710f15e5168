import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Project import: CSV and JSON, all or nothing, idempotent")
struct ProjectImportTests {
    static let csv = """
        project_id,name,team,industry,investment_yuan,figures_by,history
        A1,甲项目,new_energy,energy_storage,650000000,2026-12-31,lead=2023-01-05;negotiating=2023-02-01;signed=2023-03-15
        A2,乙项目,electronics,electronic_information,12000000.50,,lead=2023-04-01

        """

    @Test("importing the same CSV twice adds, changes and records nothing the second time")
    func idempotent() throws {
        let r = try newRegistry()
        let file = try writeFile("projects.csv", Self.csv)
        let first = try r.importProjects(path: file, recordedBy: "test")
        #expect(first == ProjectImportSummary(added: 2, updated: 0, unchanged: 0, events: 4))
        let second = try r.importProjects(path: file, recordedBy: "test")
        #expect(second == ProjectImportSummary(added: 0, updated: 0, unchanged: 2, events: 0))
        #expect(try r.projectHistory(id: "A1").count == 3)
        #expect(try r.project(id: "A1")?.stage == .signed)
        #expect(try r.project(id: "A2")?.agreement.investment == Money(fen: 1_200_000_050))
    }

    @Test("a JSON array imports like the CSV, its demand kept as an object")
    func json() throws {
        let r = try newRegistry()
        let file = try writeFile("projects.json", """
            [{"project_id": "J1", "name": "丙项目", "investment_yuan": 500000000, "stage": "签约", "stage_date": "2024-02-01",
              "demand": {"id": "J1", "wants": "land", "land_mu": {"min": 80, "max": 120}}}]
            """)
        #expect(try r.importProjects(path: file, recordedBy: "test").added == 1)
        let p = try #require(try r.project(id: "J1"))
        #expect(p.stage == .signed)
        #expect(p.demandJSON?.contains("\"land_mu\"") == true)
        #expect(try r.importProjects(path: file, recordedBy: "test").unchanged == 1)
    }

    @Test("a bad row stops the import with its row and reason, and nothing is written")
    func badRows() throws {
        let cases = [
            ("project_id,name,stage\nB1,一,lead\nB2,二,landed\n", "row 2", "unknown stage \"landed\""),
            ("project_id,name,investment_yuan\nB1,一,12.345\n", "row 1", "not an amount in yuan"),
            ("project_id,name,history\nB1,一,signed=2023-01-01;negotiating=2023-02-01\n", "row 1", "signed cannot become negotiating"),
            ("project_id,name\nB1,一\nB1,二\n", "row 2", "repeats project B1 of row 1"),
        ]
        for (text, row, reason) in cases {
            let r = try newRegistry()
            let file = try writeFile("bad.csv", text)
            let e = #expect(throws: ImportError.self) { try r.importProjects(path: file, recordedBy: "test") }
            #expect(e?.description.contains(row) == true, "\(e.map(String.init(describing:)) ?? "")")
            #expect(e?.description.contains(reason) == true, "\(e.map(String.init(describing:)) ?? "")")
            #expect(try r.projects().isEmpty)
        }
    }

    @Test("a later file may move a project on; one that moves it back without a correction is refused")
    func laterFile() throws {
        let r = try newRegistry()
        try r.importProjects(path: try writeFile("a.csv", "project_id,name,stage,stage_date\nC1,丁,negotiating,2023-01-01\n"), recordedBy: "t")
        let s = try r.importProjects(path: try writeFile("b.csv", "project_id,name,stage,stage_date\nC1,丁,signed,2023-05-01\n"), recordedBy: "t")
        #expect(s.events == 1 && s.unchanged == 1)
        #expect(throws: ImportError.self) {
            try r.importProjects(path: try writeFile("c.csv", "project_id,name,stage,stage_date\nC1,丁,lead,2023-06-01\n"), recordedBy: "t")
        }
        #expect(try r.project(id: "C1")?.stage == .signed)
    }

    @Test("actuals and incentives: the same file twice changes nothing; an unknown project writes nothing")
    func figures() throws {
        let r = try newRegistry()
        try r.addSigned(sampleProject("F1"), signed: "2021-01-10")
        let actuals = try writeFile("actuals.csv", "project_id,year,investment_yuan,output_yuan,jobs\nF1,2022,3000000,0,20\nF1,2023,800000,5000000,40\n")
        #expect(try r.importProjectActuals(path: actuals) == ProjectFiguresSummary(added: 2, updated: 0, unchanged: 0))
        #expect(try r.importProjectActuals(path: actuals) == ProjectFiguresSummary(added: 0, updated: 0, unchanged: 2))
        let incentives = try writeFile("inc.csv", "project_id,kind,amount_yuan,date,basis\nF1,promised,500000,2021-01-10,协议\nF1,paid,200000,2022-03-01,设备补助\n")
        #expect(try r.importProjectIncentives(path: incentives, recordedBy: "test").added == 2)
        #expect(try r.importProjectIncentives(path: incentives, recordedBy: "test") == ProjectFiguresSummary(added: 0, updated: 0, unchanged: 2))
        let bad = try writeFile("bad.csv", "project_id,kind,amount_yuan,date,basis\nF1,paid,1,2022-03-02,x\nZZ,paid,1,2022-03-01,x\n")
        let e = #expect(throws: ImportError.self) { try r.importProjectIncentives(path: bad, recordedBy: "test") }
        #expect(e?.description.contains("row 2") == true)
        #expect(try r.projectFigures(id: "F1").incentives.count == 2)
    }
}

import Foundation
import Testing

@Suite("landbank project stats --plan, amend, and runway from the pipeline")
struct ProjectPlanCLITests {
    @Test("stats --plan prints each team's target, actual and percentage, and the zone's")
    func plan() throws {
        let reg = try scratchDirectory() + "/zone.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("project", "import", reg, fixture("projects-guian-2023.csv"), "--by", "投资促进局").status == 0)
        let out = try lb("project", "stats", reg, "--from", "2023-01-01", "--to", "2023-12-20", "--plan", fixture("plan-guian-2023.csv"),
                         "--by", "team")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("all teams"))
        #expect(out.stdout.contains("383.6亿元") && out.stdout.contains("350亿元") && out.stdout.contains("109.6%") && out.stdout.contains("112%"))
        #expect(try lb("project", "stats", reg, "--from", "2023-01-01", "--to", "2023-12-20", "--plan", fixture("plan-guian-2023.csv"),
                       "--by", "industry").status == 64)

        #expect(try lb("project", "import", reg, fixture("projects-xinyu-2024q1.csv"), "--by", "投资促进局").status == 0)
        let xinyu = try lb("project", "stats", reg, "--from", "2024-01-01", "--to", "2024-03-31", "--plan", fixture("plan-xinyu-2024.json"))
        #expect(xinyu.status == 0, "\(xinyu.stderr)")
        #expect(xinyu.stdout.contains("short \"100\" projects: 0 of 1"))
        #expect(xinyu.stdout.contains("short \"50·20\" projects: 1 of 4"))
        #expect(xinyu.stdout.contains("4 of 17 = 23.5%, at least 30% wanted"))
    }

    @Test("amend keeps the old values in the history that show lists")
    func amend() throws {
        let reg = try scratchDirectory() + "/zone.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("project", "add", reg, "G1", "--name", "储能项目", "--stage", "signed", "--date", "2024-01-02",
                       "--investment", "600000000", "--by", "李").status == 0)
        #expect(try lb("project", "amend", reg, "G1", "--investment", "450000000", "--by", "李").status == 64)   // no --note
        let a = try lb("project", "amend", reg, "G1", "--investment", "450000000", "--figures-by", "2027-06-30", "--date", "2024-05-01",
                       "--by", "李", "--note", "补充协议")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("investment_yuan 6亿元 → 4.5亿元"))
        let show = try lb("project", "show", reg, "G1")
        #expect(show.stdout.contains("amendment: signed (签约)"))
        #expect(show.stdout.contains("investment_yuan 6亿元 → 4.5亿元; figures_by — → 2027-06-30; why: 补充协议"))
        #expect(try lb("verify", reg).status == 0)
    }
}

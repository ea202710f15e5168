import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Progress against a plan (seeds 002 and 003)")
struct ProjectPlanTests {
    @Test("seed 003: the eight teams signed 56 for 383.6亿元 against the plan's 50 and 350亿元")
    func guian() throws {
        let r = try newRegistry()
        try r.importProjects(path: fixture("projects-guian-2023.csv"), recordedBy: "fixture")
        let plan = try ProjectPlan.read(path: fixture("plan-guian-2023.csv"))
        #expect(plan.teamTargets.count == 8)
        let p = try r.planProgress(plan, from: day("2023-01-01"), to: day("2023-12-20"), byTeam: true)
        let y = try #require(p.years.first)
        #expect(p.years.count == 1 && y.partial)
        #expect(y.teams.map(\.team) == ["agri_tourism", "construction", "data_software", "electronics", "equipment", "funds",
                                        "new_energy", "trade_services"])
        #expect(y.teams.allSatisfy { $0.signed == 7 })
        #expect(y.zone.signed == 56 && y.zone.signedTarget == 50 && y.zone.signedPermille == 1120)
        #expect(ChineseAmount.text(y.zone.investment) == "383.6亿元")
        #expect(ChineseAmount.text(y.zone.investmentTarget!) == "350亿元")
        // 383.6 ÷ 350 = 1.09600: 109.6%
        #expect(y.zone.investmentPermille == 1096 && PlanText.percent(1096) == "109.6%" && PlanText.percent(1120) == "112%")
        #expect(y.zone.targetSource == "sum of the teams' targets")
        #expect(y.teams.map(\.investment).reduce(.zero, +) == y.zone.investment)
        let funds = try #require(y.teams.first { $0.team == "funds" })
        #expect(funds.signedTarget == 6 && funds.signedPermille == 1166)   // 7 of 6, rounded down
        #expect(funds.investmentTarget == ChineseAmount.parse("40亿元"))
        let zoneOnly = try r.planProgress(plan, from: day("2023-01-01"), to: day("2023-12-20"))
        #expect(zoneOnly.years[0].teams.isEmpty && zoneOnly.years[0].zone == y.zone)
    }

    /// Eleven projects signed in 2025 (investment, industry, strategic emerging, investor class):
    /// A 100亿 lithium yes top500 · B 50亿 lithium yes listed · C 30亿 equipment yes · D 20亿 biomedicine yes ·
    /// E 19.9999亿 equipment no · F 8亿 lithium yes · G 5亿 equipment not judged · H 5亿 biomedicine yes ·
    /// I 3亿 biomedicine yes multinational · J 2亿 new materials no · K 5亿 logistics (not industrial) private500;
    /// and L, 200亿 signed in 2026. The figures are counted by hand in the test.
    static func seed002Registry() throws -> Registry {
        let r = try newRegistry()
        func add(_ id: String, _ yi: String, _ industry: String, _ se: Bool?, _ c: InvestorClass?, signed: String = "2025-03-01") throws {
            let p = Project(id: id, name: id, industry: industry, team: "招商", agreement: ProjectAgreement(investment: ChineseAmount.parse(yi)),
                            strategicEmerging: se, investorClass: c)
            try r.addProject(p, stage: .negotiating, on: day("2025-01-02"), by: "t")
            try r.recordStage(NewProjectEvent(projectID: id, date: day(signed), stage: .signed, recordedBy: "t"))
        }
        try add("A", "100亿元", "lithium_battery", true, .top500)
        try add("B", "50亿元", "lithium_battery", true, .listed)
        try add("C", "30亿元", "high_end_equipment", true, nil)
        try add("D", "20亿元", "biomedicine", true, nil)
        try add("E", "19.9999亿元", "high_end_equipment", false, nil)
        try add("F", "8亿元", "lithium_battery", true, nil)
        try add("G", "5亿元", "high_end_equipment", nil, nil)
        try add("H", "5亿元", "biomedicine", true, nil)
        try add("I", "3亿元", "biomedicine", true, .multinational)
        try add("J", "2亿元", "new_materials", false, nil)
        try add("K", "5亿元", "logistics", nil, .private500)
        try add("L", "200亿元", "lithium_battery", true, .top500, signed: "2026-01-05")   // next year: not counted in 2025
        return r
    }

    @Test("seed 002's structure: 100 and 50·20 projects, leading, strategic emerging and Fortune-500-class shares, met or short")
    func seed002() throws {
        let r = try Self.seed002Registry()
        let plan = try ProjectPlan.read(path: try writeFile("plan.json", """
            {"plan": "test", "targets": [
              {"target": "projects", "name": "100", "value": 1, "min_investment": "100亿元"},
              {"target": "projects", "name": "50·20", "value": 4, "min_investment": "20亿元", "below_investment": "100亿元"},
              {"target": "leading_share", "value": "70%", "compare": "above"},
              {"target": "strategic_emerging_share", "value": 60, "compare": "above"},
              {"target": "fortune500_share", "value": "30%"},
              {"target": "leading_industry", "value": "lithium_battery"},
              {"target": "leading_industry", "value": "high_end_equipment"},
              {"target": "non_industrial_industry", "value": "logistics"}]}
            """))
        let y = try r.planProgress(plan, from: day("2025-01-01"), to: day("2025-12-31")).years
        #expect(y.count == 1 && !y[0].partial)
        let sizes = Dictionary(uniqueKeysWithValues: y[0].sizes.map { ($0.name, $0) })
        // 100亿元 exactly is a "100" project, not a "50·20" one; 19.9999亿元 is neither.
        #expect(sizes["100"]?.projects == ["A"] && sizes["100"]?.met == true)
        #expect(sizes["50·20"]?.projects == ["B", "C", "D"] && sizes["50·20"]?.met == false)
        #expect(sizes["50·20"]?.why.contains("1 more needed") == true)
        let shares = Dictionary(uniqueKeysWithValues: y[0].shares.map { ($0.share, $0) })
        // Industrial A–J (K is logistics): 10. Leading: A B C E F G (lithium, equipment) = 6 of 10 = 60%: short of above 70%.
        #expect(shares[.leadingIndustry]?.count == 6 && shares[.leadingIndustry]?.of == 10 && shares[.leadingIndustry]?.met == false)
        // Strategic emerging: A B C D F H I = 7 of 10 = 70% > 60%: met; G not judged.
        #expect(shares[.strategicEmerging]?.count == 7 && shares[.strategicEmerging]?.met == true)
        #expect(shares[.strategicEmerging]?.why == "7 of 10 = 70%, above 60% wanted; 1 not judged (counted as not strategic emerging)")
        // Fortune-500-class over all 11: A B I K = 4 of 11 = 36.3%: met (at least 30%).
        #expect(shares[.fortune500]?.count == 4 && shares[.fortune500]?.of == 11 && shares[.fortune500]?.permille == 363)
        #expect(shares[.fortune500]?.met == true)
    }

    @Test("a share exactly at its target: above 70% is short, at least 30% is met; nothing signed is short")
    func boundaries() {
        func p(_ id: String, _ industry: String, _ c: InvestorClass?) -> Project {
            Project(id: id, name: id, industry: industry, investorClass: c)
        }
        let ten = (0..<10).map { i in p("P\(i)", i < 7 ? "lithium_battery" : "food", i < 3 ? .listed : nil) }
        let plan = ProjectPlan(source: "t", leadingIndustries: ["lithium_battery"])
        let leading = PlanRules.share(ShareTarget(year: nil, share: .leadingIndustry, percent: 70, above: true), ten, plan)
        #expect(leading.count == 7 && leading.of == 10 && !leading.met)
        let fortune = PlanRules.share(ShareTarget(year: nil, share: .fortune500, percent: 30, above: false), ten, plan)
        #expect(fortune.count == 3 && fortune.met)
        let none = PlanRules.share(ShareTarget(year: nil, share: .fortune500, percent: 30, above: false), [], plan)
        #expect(!none.met && none.permille == nil)
    }

    @Test("a bad plan row is named with its reason")
    func badPlans() throws {
        func refusal(_ csv: String) -> String? {
            do { _ = try ProjectPlan.read(path: try writeFile("p.csv", csv)); return nil } catch { return "\(error)" }
        }
        #expect(refusal("target,year,team,value\nsigned,2024,a,3\nwon,2024,a,3\n")?.contains("row 2") == true)
        #expect(refusal("target,year,team,value\nsigned,2024,a,3\nwon,2024,a,3\n")?.contains("unknown target \"won\"") == true)
        #expect(refusal("target,year,team,value\ninvestment,2024,a,12.3.4亿元\n")?.contains("is not an amount") == true)
        #expect(refusal("target,year,team,value\nsigned,2024,a,3\nsigned,2024,a,4\n")?.contains("repeats the signed target of row 1") == true)
        #expect(refusal("target,year,team,value\nsigned,,a,3\n")?.contains("needs a year") == true)
        #expect(refusal("target,value\nleading_share,70%\n")?.contains("leading_industry rows") == true)
        #expect(refusal("target,value\nfortune500_share,130%\n")?.contains("whole percent") == true)
    }

    @Test("amounts as the seeds write them read back exactly, to the fen")
    func amounts() {
        #expect(ChineseAmount.parse("383.6亿元").map(ChineseAmount.text) == "383.6亿元")
        #expect(ChineseAmount.parse("6000万元")?.fen == 6_000_000_000)
        #expect(ChineseAmount.parse("0.0000000001亿元")?.fen == 1)
        #expect(ChineseAmount.parse("0.00000000001亿元") == nil)
        #expect(ChineseAmount.parse("4800000000")?.fen == 480_000_000_000)
        #expect(ChineseAmount.parse("-5亿元") == nil && ChineseAmount.parse("亿元") == nil && ChineseAmount.parse("5.亿") == nil)
    }
}

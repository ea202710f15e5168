import Foundation
import Testing

@Suite("landbank project")
struct ProjectCLITests {
    func registryWithFixture() throws -> String {
        let reg = try scratchDirectory() + "/zone.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        let r = try lb("project", "import", reg, fixture("projects-xinjian-2019-2024.csv"), "--by", "招商局")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("83 projects added, 0 updated, 0 unchanged"))
        #expect(try lb("project", "actuals", reg, fixture("projects-xinjian-actuals.csv")).status == 0)
        #expect(try lb("project", "incentives", reg, fixture("projects-xinjian-incentives.csv")).status == 0)
        return reg
    }

    @Test("the ledger of the fixture says seed 000's figures, as text, JSON and CSV")
    func ledger() throws {
        let reg = try registryWithFixture()
        let text = try lb("project", "ledger", reg, "--since", "2019-07-01", "--as-of", "2024-06-30")
        #expect(text.status == 0)
        #expect(text.stdout.contains("83 projects signed from 2019-07-01 to 2024-06-30"))
        #expect(text.stdout.contains("never landed (未落地)               14"))
        #expect(text.stdout.contains("short of the agreement (未达到)     40   incentives fully paid 19, not fully paid 21"))
        let json = try lb("project", "ledger", reg, "--since", "2019-07-01", "--as-of", "2024-06-30", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["counts"] as? [String: Int] == ["met": 4, "never_landed": 14, "building": 25, "short": 40])
        #expect(object["shortIncentivesFullyPaid"] as? Int == 19)
        let csv = try lb("project", "ledger", reg, "--as-of", "2024-06-30", "--csv")
        #expect(csv.stdout.hasPrefix("project_id,name,team,signed_on,stage,class,"))
        #expect(csv.stdout.split(separator: "\n").count == 84)
    }

    @Test("importing the same file again changes nothing; a bad row exits 65 naming the row; going back exits 67")
    func importAndStage() throws {
        let reg = try registryWithFixture()
        let again = try lb("project", "import", reg, fixture("projects-xinjian-2019-2024.csv"))
        #expect(again.stdout.contains("0 projects added, 0 updated, 83 unchanged; 0 stage changes recorded"))
        let bad = try scratchDirectory() + "/bad.csv"
        try "project_id,name,stage\nN1,新项目,lead\nN2,另一个,landed\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try lb("project", "import", reg, bad)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.csv: row 2"))
        #expect(refused.stderr.contains("unknown stage \"landed\""))
        #expect(try lb("project", "show", reg, "N1").status == 66)

        #expect(try lb("project", "add", reg, "G1", "--name", "测试项目", "--stage", "negotiating", "--date", "2024-01-02",
                       "--investment", "600000000", "--by", "李").status == 0)
        let back = try lb("project", "stage", reg, "G1", "lead", "--date", "2024-02-01", "--by", "李")
        #expect(back.status == 67)
        #expect(back.stderr.contains("correction"))
        let fixed = try lb("project", "stage", reg, "G1", "lead", "--date", "2024-02-01", "--by", "李", "--correct",
                           "--note", "only a lead: no talks yet")
        #expect(fixed.status == 0)
        let show = try lb("project", "show", reg, "G1")
        #expect(show.stdout.contains("6亿元"))
        #expect(show.stdout.contains("correction: lead (发掘)"))
        let list = try lb("project", "list", reg, "--stage", "met_agreement")
        #expect(list.stdout.contains("4 of 84 projects"))
    }

    @Test("stats of the eight teams say seed 003's figures; assign moves a parcel to assigned and is told in the project")
    func statsAndAssign() throws {
        let reg = try scratchDirectory() + "/guian.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("project", "import", reg, fixture("projects-guian-2023.csv")).status == 0)
        let s = try lb("project", "stats", reg, "--from", "2023-01-01", "--to", "2023-12-20", "--by", "team")
        #expect(s.status == 0)
        #expect(s.stdout.contains("56 signed, 383.6亿元 contracted; 135 leads worth 645.5亿元; 76 in negotiation"))
        #expect(s.stdout.contains("new_energy"))

        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        let parcel = try #require(try lb("list", reg, "--status", "recovered", "--json").stdout
            .components(separatedBy: "\"parcel_id\" : \"").dropFirst().first?.components(separatedBy: "\"").first)
        let signed = try #require(try lb("project", "list", reg, "--stage", "signed", "--json").stdout
            .components(separatedBy: "\"id\" : \"").dropFirst().first?.components(separatedBy: "\"").first)
        let a = try lb("project", "assign", reg, signed, "--parcels", parcel, "--date", "2025-06-01", "--by", "招商局")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("assigned parcel:\(parcel)"))
        #expect(try lb("show", reg, parcel).stdout.contains("assigned"))
        #expect(try lb("project", "show", reg, signed).stdout.contains("sites parcel:\(parcel)"))
        let again = try lb("project", "assign", reg, signed, "--parcels", parcel, "--date", "2025-06-02", "--by", "招商局")
        #expect(again.status == 67)
    }

    @Test("a `match --batch --json` answer is accepted by `project assign --batch`, all projects in one transaction; again, refused whole")
    func acceptBatch() throws {
        let reg = try registryWithFixture()
        let dir = (reg as NSString).deletingLastPathComponent
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        for id in ["XY-B1", "XY-B2"] {
            let demand = dir + "/\(id).json"
            try #"{"id": "D-\#(id)", "wants": "land", "land_mu": {"min": 5, "max": 200}}"#.write(toFile: demand, atomically: true, encoding: .utf8)
            let add = try lb("project", "add", reg, id, "--name", "项目 \(id)", "--demand", demand, "--stage", "signed", "--by", "招商局")
            #expect(add.status == 0, "\(add.stderr)")
        }
        let demands = dir + "/pipeline.json"
        try #"[{"id": "D-XY-B1", "wants": "land", "land_mu": {"min": 5, "max": 200}}, {"id": "D-XY-B2", "wants": "land", "land_mu": {"min": 5, "max": 200}}]"#
            .write(toFile: demands, atomically: true, encoding: .utf8)
        let m = try lb("match", reg, "--batch", demands, "--json")
        #expect(m.status == 0, "\(m.stderr)")
        let answer = dir + "/answer.json"
        try m.stdout.write(toFile: answer, atomically: true, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(m.stdout.utf8)) as? [String: Any])
        let parcels = try #require((object["assignments"] as? [[String: Any]])?.compactMap { $0["parcels"] as? [String] })
        #expect(parcels.count == 2)
        let a = try lb("project", "assign", reg, "--batch", answer, "--by", "招商局")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("project XY-B1: assigned parcel:") && a.stdout.contains("project XY-B2: assigned parcel:"))
        #expect(a.stdout.hasSuffix("2 projects given sites in one transaction\n"))
        for p in parcels.joined() { #expect(try lb("show", reg, p).stdout.contains("assigned"), "\(p)") }
        let again = try lb("project", "assign", reg, "--batch", answer, "--by", "招商局")
        #expect(again.status == 67, "\(again.stderr)")
        #expect(try lb("project", "show", reg, "XY-B1").stdout.components(separatedBy: "sites parcel:").count == 2)
        #expect(try lb("project", "assign", reg, "XY-B1", "--batch", answer).status == 64)
        // The projects' own demands, jointly: their sites are taken now, so nothing is left for either.
        let joint = try lb("match", reg, "--project", "XY-B1", "--project", "XY-B2", "--jointly", "--json")
        #expect(joint.status == 0, "\(joint.stderr)")
        let jointAnswer = try #require(try JSONSerialization.jsonObject(with: Data(joint.stdout.utf8)) as? [String: Any])
        let served = (jointAnswer["assignments"] as? [[String: Any]])?.compactMap { $0["parcels"] as? [String] }.joined()
        #expect(served.map { Set($0).isDisjoint(with: parcels.joined()) } ?? false)
        #expect(try lb("match", reg, "--jointly", demands).status == 64)
    }

    @Test("project match (and match --project) finds sites by the project's recorded demand; a project without one is not found")
    func match() throws {
        let reg = try registryWithFixture()
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        let m = try lb("project", "match", reg, "XJ-2021-019", "--limit", "3")
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stdout.hasPrefix("demand XJ-2021-019 (鹭源光电传感器项目): 2 candidates"))
        let none = try lb("project", "match", reg, "XJ-2019-005")
        #expect(none.status == 66)
        #expect(none.stderr.contains("has no demand recorded"))
        // The same through `match --project`, as the issue names it; several projects are answered each.
        let same = try lb("match", reg, "--project", "XJ-2021-019", "--limit", "3")
        #expect(same.status == 0 && same.stdout == m.stdout, "\(same.stderr)")
        let json = try lb("match", reg, "--project", "XJ-2021-019", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["demand"] as? String == "XJ-2021-019")
        let two = try lb("match", reg, "--project", "XJ-2021-019", "--project", "XJ-2021-019", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [Any])?.count == 2)
        #expect(try lb("match", reg, "--project", "XJ-2019-005").status == 66)
        #expect(try lb("match", reg, fixture("demands-xinyu.json"), "--project", "XJ-2021-019").status == 64)
    }
}

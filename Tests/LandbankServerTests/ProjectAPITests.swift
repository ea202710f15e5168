import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankRegistry
import LandbankServer
import Testing

extension Bureau {
    /// The bureau with Xinjian's 83 projects (seed 000's ledger), their actuals and incentives, and one Xinyu project
    /// decided with a demand for 15-40 mu of land, so it can be matched and given a site.
    func withProjects() throws -> Bureau {
        _ = try registry.importProjects(path: fixtures + "/projects-xinjian-2019-2024.csv", recordedBy: "招商局")
        _ = try registry.importProjectActuals(path: fixtures + "/projects-xinjian-actuals.csv")
        _ = try registry.importProjectIncentives(path: fixtures + "/projects-xinjian-incentives.csv", recordedBy: "招商局")
        try registry.addProject(Project(id: "XY-WEB-1", name: "锂电池隔膜项目", industry: "lithium_battery", team: "招商小分队",
                                        zone: "新余高新区", demandJSON: #"{"id":"XY-WEB-1","industry":"lithium_battery","land_mu":{"min":15,"max":40}}"#,
                                        agreement: ProjectAgreement(investment: Money(yuan: "300000000"))),
                                stage: .decided, on: CivilDate("2025-06-01")!, by: "招商局")
        return self
    }
}

@Suite("Projects, the pipeline and the compliance ledger through the API")
struct ProjectAPITests {
    @Test("the list filters by stage, team and zone and counts every stage; one project comes with its history and ETag")
    func listAndShow() async throws {
        let bureau = try Bureau().withProjects()
        let leader = bureau.tokens[.leader]
        try await bureau.app().test(.router) { client in
            let all = try await client.json("/api/projects", token: leader)
            #expect(all.status == .ok)
            let projects = try #require(all.object["projects"] as? [[String: Any]])
            #expect(projects.count == 84)
            let byStage = try #require(all.object["by_stage"] as? [String: Int])
            #expect(byStage.values.reduce(0, +) == 84 && byStage["decided"] ?? 0 >= 1)
            let decided = try await client.json("/api/projects?stage=decided&team=%E6%8B%9B%E5%95%86%E5%B0%8F%E5%88%86%E9%98%9F", token: leader).object
            #expect((decided["projects"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["XY-WEB-1"])
            #expect((decided["by_stage"] as? [String: Int])?["decided"] == 1)
            let zone = try await client.json("/api/projects?zone=nowhere", token: leader).object
            #expect((zone["projects"] as? [Any])?.isEmpty == true)
            #expect(try await client.json("/api/projects?stage=sold", token: leader).status == .badRequest)
            let one = try await client.json("/api/projects/XY-WEB-1", token: leader)
            #expect(one.status == .ok)
            let history = try #require(one.object["history"] as? [[String: Any]])
            #expect(history.count == 1 && history[0]["stage"] as? String == "decided")
            #expect(one.headers[.eTag] == "\"p\(history[0]["id"] as! Int)\"" && one.object["etag"] as? String == one.headers[.eTag])
            let events = try await client.json("/api/projects/XY-WEB-1/history", token: leader).object
            #expect((events["events"] as? [Any])?.count == 1)
            #expect(try await client.json("/api/projects/NOPE", token: leader).status == .notFound)
            #expect(try await client.json("/api/projects/NOPE/history", token: leader).status == .notFound)
        }
    }

    @Test("a stage change and a site assignment carry If-Match: recorded by the officer's name, a stale ETag gets 409 and the current version")
    func conditionalProjectWrites() async throws {
        let bureau = try Bureau().withProjects()
        let officer = bureau.tokens[.officer]
        try await bureau.app().test(.router) { client in
            let etag = try #require(try await client.json("/api/projects/XY-WEB-1", token: officer).headers[.eTag])
            let signed = #"{"stage":"signed","date":"2025-06-20","note":"签约仪式"}"#
            #expect(try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, body: signed).status.code == 428)
            let made = try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, headers: [.ifMatch: etag], body: signed)
            #expect(made.status == .created, "\(made.object)")
            #expect(made.object["recordedBy"] as? String == "officer-王" && made.object["stage"] as? String == "signed")
            let newTag = try #require(made.headers[.eTag])
            // The old ETag again, for a site: someone moved the project on; nothing is assigned.
            let site = #"{"parcels":["XYGX-2023-001"],"date":"2025-07-01","note":"一期"}"#
            let stale = try await client.json("/api/projects/XY-WEB-1/sites", .post, token: officer, headers: [.ifMatch: etag], body: site)
            #expect(stale.status == .conflict)
            #expect(stale.headers[.eTag] == newTag)
            #expect((stale.object["current"] as? [String: Any])?["etag"] as? String == newTag)
            #expect(try await client.json("/api/parcels/XYGX-2023-001", token: officer).object["parcel"].flatMap { ($0 as? [String: Any])?["parcel"] as? [String: Any] }?["status"] as? String == "revitalized")
            let assigned = try await client.json("/api/projects/XY-WEB-1/sites", .post, token: officer, headers: [.ifMatch: newTag], body: site)
            #expect(assigned.status == .created, "\(assigned.object)")
            #expect(assigned.object["sites"] as? [String] == ["parcel:XYGX-2023-001"])
            let parcel = try await client.json("/api/parcels/XYGX-2023-001/history", token: officer).object
            #expect((parcel["events"] as? [[String: Any]])?.last?["recorded_by"] as? String == "officer-王")
            // The transitions' refusal (signed cannot go back to lead) is a conflict; a bad stage is 422; a bad tag is stale.
            let back = try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, headers: [.ifMatch: "*"],
                                             body: #"{"stage":"lead","date":"2025-07-02"}"#)
            #expect(back.status == .conflict && (back.object["error"] as? String)?.contains("cannot become lead") == true)
            #expect(try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, headers: [.ifMatch: "*"],
                                          body: #"{"stage":"won"}"#).status.code == 422)
            #expect(try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, headers: [.ifMatch: "W/\"p1\""],
                                          body: #"{"stage":"building"}"#).status == .conflict)
            #expect(try await client.json("/api/projects/XY-WEB-1/stage", .post, token: officer, headers: [.ifMatch: "\"p1\", \"p2\""],
                                          body: #"{"stage":"building"}"#).status == .badRequest)
            #expect(try await client.json("/api/projects/NOPE/stage", .post, token: officer, headers: [.ifMatch: "*"],
                                          body: #"{"stage":"building"}"#).status == .notFound)
        }
    }

    @Test("a project is matched by its recorded demand, with the map")
    func match() async throws {
        let bureau = try Bureau().withProjects()
        try await bureau.app().test(.router) { client in
            let r = try await client.json("/api/projects/XY-WEB-1/match?limit=3&map=true", token: bureau.tokens[.officer])
            #expect(r.status == .ok, "\(r.object)")
            let answer = try #require(r.object["answer"] as? [String: Any])
            #expect((answer["candidates"] as? [Any])?.count == 3)
            #expect((r.object["map"] as? [String: Any])?["type"] as? String == "FeatureCollection")
            // Xinjian's projects were imported without a demand.
            #expect(try await client.json("/api/projects/XJ-2019-047/match", token: bureau.tokens[.officer]).status == .notFound)
        }
    }

    @Test("a batch answer from /api/match is accepted whole through /api/projects/sites; accepted again, it is refused and nothing changes")
    func acceptBatch() async throws {
        let bureau = try Bureau().withProjects()
        let officer = bureau.tokens[.officer]
        try await bureau.app().test(.router) { client in
            let batch = #"{"batch": [{"id":"XY-WEB-1","industry":"lithium_battery","land_mu":{"min":15,"max":40}}]}"#
            let answer = try await client.json("/api/match?near_misses=false", .post, token: officer, body: batch)
            #expect(answer.status == .ok, "\(answer.object)")
            let assignment = try #require((answer.object["assignments"] as? [[String: Any]])?.first)
            let parcels = try #require(assignment["parcels"] as? [String])
            var accepted = answer.object
            accepted["date"] = "2025-07-01"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: accepted), as: UTF8.self)
            let made = try await client.json("/api/projects/sites", .post, token: officer, body: body)
            #expect(made.status == .created, "\(made.object)")
            let events = try #require(made.object["events"] as? [[String: Any]])
            #expect(events.count == 1 && events[0]["sites"] as? [String] == parcels.map { "parcel:" + $0 })
            let first = try await client.json("/api/parcels/\(parcels[0])/history", token: officer).object
            #expect((first["events"] as? [[String: Any]])?.last?["status"] as? String == "assigned")
            let again = try await client.json("/api/projects/sites", .post, token: officer, body: body)
            #expect(again.status == .conflict, "\(again.object)")
            let history = try await client.json("/api/projects/XY-WEB-1/history", token: officer).object
            #expect((history["events"] as? [Any])?.count == 2)   // decided, then the one site event
            #expect(try await client.json("/api/projects/sites", .post, token: officer, body: #"{"objective": 1}"#).status.code == 422)
        }
    }

    @Test("the compliance ledger gives seed 000's counts; the pipeline stats seed 003's shape")
    func ledgerAndStats() async throws {
        let bureau = try Bureau().withProjects()
        try await bureau.app().test(.router) { client in
            let l = try await client.json("/api/project-ledger?since=2019-07-01&as_of=2024-06-30", token: bureau.tokens[.leader])
            #expect(l.status == .ok, "\(l.object)")
            // README: 83 signed; met 4, never landed 14, building 25, short 40 (incentives fully paid 19, not 21).
            #expect(l.object["projects"] as? Int == 83)
            #expect(l.object["counts"] as? [String: Int] == ["met": 4, "never_landed": 14, "building": 25, "short": 40])
            #expect(l.object["shortIncentivesFullyPaid"] as? Int == 19 && l.object["shortIncentivesNotFullyPaid"] as? Int == 21)
            let entries = try #require(l.object["entries"] as? [[String: Any]])
            #expect(entries.first(where: { $0["projectID"] as? String == "XJ-2019-047" })?["response"] as? String == "pause_incentives")
            #expect(try await client.json("/api/project-ledger?since=2025-01-01&as_of=2024-01-01", token: bureau.tokens[.leader]).status == .badRequest)
            let s = try await client.json("/api/project-stats?from=2019-01-01&to=2024-12-31&by=team", token: bureau.tokens[.officer])
            #expect(s.status == .ok, "\(s.object)")
            #expect(s.object["groupedBy"] as? String == "team")
            #expect(((s.object["total"] as? [String: Any])?["signed"] as? Int ?? 0) >= 83)
            #expect(try await client.json("/api/project-stats?from=2019-01-01", token: bureau.tokens[.officer]).status == .badRequest)
            #expect(try await client.json("/api/project-stats?from=2019-01-01&to=2020-01-01&by=zone", token: bureau.tokens[.officer]).status == .badRequest)
        }
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Assigning sites to a project")
struct ProjectSiteTests {
    func registryWithLand() throws -> Registry {
        let r = try ledger()
        _ = try r.importBuildings(from: try FeatureSources.open(fixture("xinyu-hitech-buildings.geojson")))
        try r.addSigned(sampleProject("P1"), signed: "2025-05-01")
        return r
    }

    @Test("parcels and a building become assigned in their histories and the project's; the floor space taken is no longer vacant")
    func assign() throws {
        let r = try registryWithLand()
        let parcel = try #require(try r.parcels(ParcelFilter(status: .recovered), limit: 1).first).parcelID
        let before = try #require(try r.buildings().first { $0.buildingID == "XYGX-2023-001-B2" })
        #expect(before.vacantFloorAreaM2 == 2160)
        let e = try r.assignSites(project: "P1", parcels: [parcel], buildings: ["XYGX-2023-001-B2"], floorSpaceM2: 1500,
                                  on: day("2025-06-01"), by: "招商局")
        #expect(e.kind == .site && e.sites == ["parcel:\(parcel)", "building:XYGX-2023-001-B2"] && e.stage == .signed)
        #expect(try r.parcel(id: parcel)?.parcel.status == .assigned)
        let last = try #require(try r.history(of: Subject(.parcel, parcel)).last)
        #expect(last.status == .assigned && last.note?.contains("project P1") == true)
        let after = try #require(try r.buildings().first { $0.buildingID == "XYGX-2023-001-B2" })
        #expect(after.status == .assigned && after.vacantFloorAreaM2 == 660)
        #expect(try r.project(id: "P1")?.stage == .signed)
        #expect(try r.verifyProjectHistory().isEmpty)
    }

    @Test("a refusal anywhere writes nothing: land under recovery, more floor space than is vacant, a project still a lead")
    func refusals() throws {
        let r = try registryWithLand()
        let ok = try #require(try r.parcels(ParcelFilter(status: .recovered), limit: 1).first).parcelID
        let busy = try #require(try r.parcels(ParcelFilter(status: .underRecovery), limit: 1).first).parcelID
        #expect(throws: LifecycleError.self) {
            try r.assignSites(project: "P1", parcels: [ok, busy], buildings: [], on: day("2025-06-01"), by: "x")
        }
        #expect(try r.parcel(id: ok)?.parcel.status == .recovered)
        #expect(throws: LifecycleError.self) {
            try r.assignSites(project: "P1", parcels: [], buildings: ["XYGX-2023-001-B1"], floorSpaceM2: 466, on: day("2025-06-01"), by: "x")
        }
        try r.addProject(sampleProject("L1"), stage: .lead, on: day("2025-01-01"), by: "x")
        #expect(throws: ProjectError.self) {
            try r.assignSites(project: "L1", parcels: [ok], buildings: [], on: day("2025-06-01"), by: "x")
        }
        #expect(try r.projectHistory(id: "P1").count == 1)
    }

    @Test("the ledger names a project's parcel that the idle-land rules flag, and two full years idle is land recovery")
    func idleLandInTheLedger() throws {
        let r = try registryWithLand()
        let parcel = try #require(try r.parcels(ParcelFilter(status: .recovered)).first {
            try r.history(of: Subject(.parcel, $0.parcelID)).allSatisfy { $0.date < day("2023-02-01") }
        }).parcelID
        var p = sampleProject("P2", cause: .investor)
        p.agreement.productionBy = day("2025-01-01")
        p.agreement.figuresBy = day("2026-01-01")
        try r.addSigned(p, signed: "2023-01-10", then: [(.building, "2023-02-01")])
        try r.assignSites(project: "P2", parcels: [parcel], buildings: [], on: day("2023-02-01"), by: "x")
        let contract = try writeFile("c.csv", "parcel_id,contract_no,holder,land_price_yuan,agreed_start\n\(parcel),GY-2023-02,项目公司,12000000,2023-03-01\n")
        try r.importContracts(csv: contract, recordedBy: "x", date: day("2023-02-02"))
        let e = try #require(try r.projectLedger(asOf: day("2025-06-30")).entries.first { $0.projectID == "P2" })
        #expect(e.classification == .short)
        #expect(e.parcels == [parcel])
        #expect(e.idleLand.map(\.parcelID) == [parcel] && e.idleLand[0].mayRecoverWithoutCompensation)
        #expect(e.overdue?.days == 180)        // past the production deadline of 2025-01-01, well under two years
        #expect(e.response == .landRecovery)   // because its land has been idle two full years
        #expect(e.reason?.contains("parcel \(parcel) is idle land") == true)
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

@Suite("verify")
struct VerifyTests {
    @Test("a registry written by landbank passes every check")
    func clean() throws {
        let report = try fullFixture().verify()
        #expect(report.ok, "\(report.checks.filter { !$0.ok })")
        #expect(report.checks.count == 13)
    }

    @Test("a geometry edited through GDAL (as QGIS would) leaves stale areas, which verify names")
    func outsideEdit() throws {
        let r = try ledger()
        let (status, out) = try run("/usr/bin/ogrinfo", [r.path, "-q", "-sql",
            "UPDATE parcels SET geom = (SELECT geom FROM parcels WHERE parcel_id = 'XYGX-2023-002') WHERE parcel_id = 'XYGX-2023-001'"])
        #expect(status == 0, "\(out)")
        let report = try r.verify()
        let areas = try #require(report.checks.first { $0.name.hasPrefix("stored areas") })
        #expect(!report.ok && areas.problems.count == 2 && areas.problems.allSatisfy { $0.hasPrefix("parcel XYGX-2023-001:") })
        // GDAL ran the registry's R*Tree triggers with its own ST_ functions: the index is still sound.
        #expect(report.checks.first { $0.name == "spatial index of parcels" }?.ok == true)
    }

    @Test("a status changed behind the history's back is caught")
    func statusBypass() throws {
        let r = try ledger()
        try r.db.write { try $0.execute(sql: "UPDATE parcels SET status = 'idle' WHERE parcel_id = 'XYGX-2023-003'") }
        let check = try #require(try r.verify().checks.first { $0.name == "statuses follow the history" })
        #expect(check.problems.count == 1 && check.problems[0].contains("XYGX-2023-003: status idle"))
    }
}

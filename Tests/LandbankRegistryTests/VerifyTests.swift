import Foundation
import Testing
@testable import LandbankRegistry

@Suite("verify")
struct VerifyTests {
    @Test("a registry written by landbank passes every check")
    func clean() throws {
        let report = try fullFixture().verify()
        #expect(report.ok, "\(report.checks.filter { !$0.ok })")
        #expect(report.checks.count == 16)
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

    @Test("a truncated or overwritten registry gets a report saying what is damaged, not an error")
    func damaged() throws {
        let r = try fullFixture()
        let original = try Data(contentsOf: URL(fileURLWithPath: r.path))
        let dir = try scratchDirectory()
        let truncated = dir + "/truncated.gpkg"
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: truncated))
        let t = try Registry.verify(at: truncated)
        #expect(!t.ok && t.checks.count == 1 && t.checks[0].problems.contains { $0.hasPrefix("truncated: the header says") })

        var bytes = [UInt8](original)
        // The parcels table's root page: overwrite its page header and cell pointers.
        let page = try r.db.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'parcels'")! }
        for i in 0..<64 { bytes[(page - 1) * 4096 + i] = 0xFF }
        let overwritten = dir + "/overwritten.gpkg"
        try Data(bytes).write(to: URL(fileURLWithPath: overwritten))
        let o = try Registry.verify(at: overwritten)
        #expect(!o.ok && o.checks[0].problems.contains { $0.hasPrefix("table parcels is damaged") }, "\(o.checks)")
    }
}

import Foundation
import Testing

@Suite("Exit status by kind of failure")
struct ExitStatusTests {
    @Test("invalid input 65, not found 66, conflict 67, not a registry 69, damaged 70, usage 64")
    func statuses() throws {
        let dir = try scratchDirectory()
        let reg = dir + "/r.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        #expect(try lb("import", reg, fixture("bad/self-intersection.geojson")).status == 65)
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 67)  // duplicate ids
        #expect(try lb("show", reg, "NO-SUCH-PARCEL").status == 66)
        #expect(try lb("record", reg, "NO-SUCH-PARCEL", "--date", "2025-07-01", "--status", "idle", "--by", "clerk").status == 66)
        #expect(try lb("correct", reg, "99999", "--date", "2025-07-01", "--status", "idle", "--note", "x", "--by", "clerk").status == 66)
        let missing = try lb("import", reg, "/nonexistent/parcels.geojson")
        #expect(missing.status == 66 && missing.stderr.hasPrefix("landbank: error: /nonexistent/parcels.geojson: no such file"), "\(missing.stderr)")
        #expect(try lb("record", reg, "XYGX-2023-002", "--date", "2025-07-01", "--status", "idle", "--by", "clerk").status == 67)
        #expect(try lb("list", reg, "--limit=-1").status == 64)
        try "parcel_id,name\n".write(toFile: dir + "/notes.gpkg", atomically: true, encoding: .utf8)
        #expect(try lb("stats", dir + "/notes.gpkg").status == 69)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: reg))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: dir + "/half.gpkg"))
        let damaged = try lb("stats", dir + "/half.gpkg")
        #expect(damaged.status == 70, "\(damaged.stderr)")
    }
}

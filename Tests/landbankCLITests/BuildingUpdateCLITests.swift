import Foundation
import Testing

@Suite("building import --update and --dry-run")
struct BuildingUpdateCLITests {
    @Test("--dry-run prints the buildings added, changed and missing and writes nothing; --update applies it")
    func update() throws {
        let dir = try scratchDirectory()
        let reg = dir + "/r.gpkg"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson"), "--by", "clerk").status == 0)
        #expect(try lb("building", "import", reg, fixture("xinyu-hitech-buildings.geojson"), "--by", "clerk").status == 0)
        // The ledger a year later: the first building's vacancy let, the last one gone.
        let text = try String(contentsOfFile: fixture("xinyu-hitech-buildings.geojson"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("\"id\": \"XYGX-2023-001-B1\"") })
        lines[first] = lines[first].replacingOccurrences(of: "\"vacant_floor_area_m2\": 465", with: "\"vacant_floor_area_m2\": 0")
        let last = try #require(lines.lastIndex { $0.hasPrefix("{ \"type\": \"Feature\"") })
        let lastID = try #require(lines[last].split(separator: "\"").dropFirst(7).first.map(String.init))
        lines.remove(at: last)
        lines[last - 1] = String(lines[last - 1].dropLast(lines[last - 1].hasSuffix(",") ? 1 : 0))
        let next = dir + "/buildings-2025.geojson"
        try lines.joined(separator: "\n").write(toFile: next, atomically: true, encoding: .utf8)

        let dry = try lb("building", "import", reg, next, "--update", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("changed  XYGX-2023-001-B1 (feature 1): vacant_floor_area_m2: vacant_floor_area_m2 465 → 0"), "\(dry.stdout)")
        #expect(dry.stdout.contains("missing  \(lastID)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would add 0, would change 1, unchanged 163, missing from the file 1") && dry.stdout.contains("dry run: nothing was written"))
        #expect(try sqlite(reg, "SELECT vacant_floor_area_m2 FROM buildings WHERE building_id = 'XYGX-2023-001-B1'") == "465.0")
        let real = try lb("building", "import", reg, next, "--update", "--by", "clerk")
        #expect(real.status == 0 && real.stdout.contains("added 0, changed 1, unchanged 163, missing from the file 1"), "\(real.stdout)")
        #expect(try sqlite(reg, "SELECT vacant_floor_area_m2 FROM buildings WHERE building_id = 'XYGX-2023-001-B1'") == "0.0")
        #expect(try sqlite(reg, "SELECT count(*) FROM buildings") == "165")
        #expect(try sqlite(reg, "SELECT mode, updated, missing FROM imports ORDER BY id DESC LIMIT 1") == "update|1|1")
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

/// A building ledger delivered once, then again: buildings on parcels A and B of `LedgerUpdateTests`.
@Suite("Re-delivered building ledgers: building import --update")
struct BuildingUpdateTests {
    struct Entry {
        var id: String
        var parcel = "A"
        var floor = 1000
        var vacant = 0
        /// The footprint's corner in its parcel, and its side (m).
        var dx = 10
        var size = 10
        /// The parcel whose square the footprint is drawn in, when not `parcel`.
        var drawnOn: String?
    }

    /// Parcel A is the square of `LedgerUpdateTests.square(1)`, B of `square(2)`.
    static func file(_ entries: [Entry], swapped: Bool = false) throws -> String {
        let lines = entries.map { e in
            let x = 576000 + 100 * ((e.drawnOn ?? e.parcel) == "A" ? 1 : 2) + e.dx, y = 3085000 + 10
            let ring = [(x, y), (x + e.size, y), (x + e.size, y + e.size), (x, y + e.size), (x, y)]
                .map { swapped ? "[\($0.1),\($0.0)]" : "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return """
            {"type":"Feature","id":"\(e.id)","properties":{"parcel_id":"\(e.parcel)","floor_area_m2":\(e.floor),"vacant_floor_area_m2":\(e.vacant),"structure":"steel"},"geometry":{"type":"Polygon","coordinates":[[\(ring)]]}}
            """
        }
        let path = try scratchDirectory() + "/buildings.geojson"
        try ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4547\"}},\"features\":[\n"
             + lines.joined(separator: ",\n") + "]}\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let first = [Entry(id: "F1"), Entry(id: "F2", dx: 30), Entry(id: "F3", parcel: "B")]
    /// F1 as it was; F2 half vacant now; F3 surveyed larger; F4 new; F5 never delivered before. F3's old is gone.
    static let second = [Entry(id: "F1"), Entry(id: "F2", vacant: 500, dx: 30), Entry(id: "F3", parcel: "B", size: 20),
                         Entry(id: "F4", parcel: "B", dx: 35)]

    func delivered() throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(try LedgerUpdateTests.file([("A", "马洪片区", "idle", 50, 1), ("B", "马洪片区", "idle", 50, 2)]))
        _ = try r.importBuildings(from: try FeatureSources.open(try Self.file(Self.first + [Entry(id: "F9", dx: 5, size: 3)])),
                                  options: ImportOptions(recordedBy: "clerk"))
        return r
    }

    @Test("new buildings added, changed figures and footprints recorded, unchanged left alone, missing listed and kept")
    func update() throws {
        let r = try delivered()
        let s = try r.importBuildings(from: try FeatureSources.open(try Self.file(Self.second)),
                                      options: ImportOptions(recordedBy: "clerk", update: true))
        #expect(s.log.added == 1 && s.log.updated == 2 && s.log.unchanged == 1 && s.log.missing == 1 && s.log.outcome == .imported)
        #expect(try r.buildings().count == 5, "F9 is never deleted")
        #expect(try r.building(id: "F2")?.vacantFloorAreaM2 == 500)
        let f3 = try #require(try r.building(id: "F3"))
        #expect(abs((f3.footprintAreaM2 ?? 0) - 400) < 1e-6, "the footprint measured again")
        #expect(try r.history(of: Subject(.building, "F3")).map(\.kind) == [.geometry])
        #expect(try r.history(of: Subject(.building, "F1")).isEmpty)
        var logged: [ImportIssue] = []
        try r.forEachImportIssue(importID: s.log.id) { _, i in logged.append(i) }
        #expect(logged.map { "\($0.featureID ?? "") \($0.rule.rawValue) \($0.field ?? "") \($0.value ?? "")" } == [
            "F2 changed vacant_floor_area_m2 vacant_floor_area_m2 0 → 500",
            "F3 changed geometry footprint area 100.00 → 400.00 m²",
            "F9 missing_from_file  ",
        ])
    }

    @Test("the same building file twice changes nothing the second time")
    func idempotent() throws {
        let r = try delivered()
        let second = try Self.file(Self.second)
        _ = try r.importBuildings(from: try FeatureSources.open(second), options: ImportOptions(update: true))
        let again = try r.importBuildings(from: try FeatureSources.open(second), options: ImportOptions(update: true))
        #expect(again.log.added == 0 && again.log.updated == 0 && again.log.unchanged == 4 && again.log.missing == 1)
        #expect(try r.history(of: Subject(.building, "F3")).count == 1)
    }

    @Test("--dry-run tells the difference and writes nothing")
    func dryRun() throws {
        let r = try delivered()
        let seen = LedgerUpdateTests.Changes()
        var options = ImportOptions(update: true, dryRun: true)
        options.onChange = { seen.add($0) }
        _ = try r.importBuildings(from: try FeatureSources.open(try Self.file(Self.second)), options: options)
        #expect(seen.all.map { "\($0.kind.rawValue) \($0.parcelID) \($0.fields.joined(separator: ","))" } == [
            "changed F2 vacant_floor_area_m2", "changed F3 geometry", "added F4 ", "missing F9 ",
        ])
        #expect(try r.building(id: "F2")?.vacantFloorAreaM2 == 0 && r.building(id: "F4") == nil)
        #expect(try r.imports().count == 2, "a dry run is not logged")
    }

    @Test("a footprint moved off its parcel, or onto another parcel it does not stand on, is refused and nothing is written")
    func movedOff() throws {
        let r = try delivered()
        let moved = try Self.file([Entry(id: "F2", dx: 45), Entry(id: "F4", parcel: "B", dx: 35)])
        #expect {
            _ = try r.importBuildings(from: try FeatureSources.open(moved), options: ImportOptions(update: true))
        } throws: { "\($0)".contains("F2") && "\($0)".contains("does not lie on parcel \"A\"") }
        #expect(try r.building(id: "F4") == nil && r.history(of: Subject(.building, "F2")).isEmpty)
        let otherParcel = try Self.file([Entry(id: "F1", parcel: "B", drawnOn: "A")])
        #expect {
            _ = try r.importBuildings(from: try FeatureSources.open(otherParcel), options: ImportOptions(update: true))
        } throws: { "\($0)".contains("F1") && "\($0)".contains("does not lie on parcel \"B\"") }
        #expect(try r.building(id: "F1")?.parcelID == "A")
    }
}

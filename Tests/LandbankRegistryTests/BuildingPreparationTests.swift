import Foundation
import Testing
@testable import LandbankRegistry

/// Building files get what parcel files get before their first feature (`ImportPreparation`).
@Suite("Building import: CRS and axes as for parcels")
struct BuildingPreparationTests {
    typealias Entry = BuildingUpdateTests.Entry
    static func file(_ e: [Entry], swapped: Bool) throws -> String { try BuildingUpdateTests.file(e, swapped: swapped) }

    @Test("a building file goes through the import's preparation: swapped axes are refused, and repaired with --fix-axes")
    func prepared() throws {
        let r = try newRegistry()
        _ = try r.importFile(try LedgerUpdateTests.file([("A", "马洪片区", "idle", 50, 1)]))
        let swapped = try Self.file([Entry(id: "F1")], swapped: true)
        #expect { _ = try r.importBuildings(from: try FeatureSources.open(swapped)) } throws: { "\($0)".contains("--fix-axes") }
        var options = ImportOptions()
        options.fixAxes = true
        let s = try r.importBuildings(from: try FeatureSources.open(swapped), options: options)
        #expect(s.imported.parcels == 1 && s.notes.contains { $0.contains("swapped") })
        #expect(try r.building(id: "F1")?.parcelID == "A")
    }
}

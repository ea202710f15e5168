import Foundation
import Testing
@testable import LandbankRegistry

/// Neighbours on a hand-made layout in EPSG:4547 (metres), around parcel A, a 100 m square:
/// B touches A's east side; C lies north of A across a 0.3 m sliver gap; D lies west of A across a 10 m
/// road; E touches A only at its south-east corner; F is 300 m away.
@Suite("Neighbours")
struct NeighbourTests {
    static func layout() throws -> Registry {
        let x = 590_000.0, y = 3_076_000.0
        func rect(_ id: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
            RandomSites.feature(id, [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], ["zone": "test"])
        }
        let features = [
            rect("A", x, y, x + 100, y + 100), rect("B", x + 100, y, x + 200, y + 100),
            rect("C", x, y + 100.3, x + 100, y + 200.3), rect("D", x - 110, y, x - 10, y + 100),
            rect("E", x + 100, y - 100, x + 200, y), rect("F", x + 400, y, x + 500, y + 100),
        ]
        let dir = try scratchDirectory()
        try RandomSites.collection(features).write(toFile: dir + "/n.geojson", atomically: true, encoding: .utf8)
        let r = try Registry.create(at: dir + "/registry.gpkg", crs: "EPSG:4547")
        _ = try r.importFile(dir + "/n.geojson")
        return r
    }

    @Test("at 0.5 m: the touching side, the 0.3 m sliver and the corner, not the 10 m road")
    func defaultTolerance() throws {
        let list = try Self.layout().neighbours(of: "A")
        #expect(list.map(\.parcelID) == ["C", "B", "E"] || list.map(\.parcelID) == ["B", "C", "E"])
        let byID = Dictionary(uniqueKeysWithValues: list.map { ($0.parcelID, $0) })
        // A shared side of 100 m; the method may add up to the tolerance at each end (see sharedBoundaryLength).
        #expect(byID["B"]!.distanceM == 0 && abs(byID["B"]!.sharedBoundaryM - 100) <= 1)
        #expect(abs(byID["C"]!.distanceM - 0.3) < 1e-6 && abs(byID["C"]!.sharedBoundaryM - 100) <= 1)
        #expect(byID["E"]!.distanceM == 0 && byID["E"]!.sharedBoundaryM <= 1)
    }

    @Test("at 0 m only what touches; at 12 m the parcel across the road too")
    func tolerances() throws {
        let r = try Self.layout()
        #expect(Set(try r.neighbours(of: "A", tolerance: 0).map(\.parcelID)) == ["B", "E"])
        let wide = try r.neighbours(of: "A", tolerance: 12)
        #expect(Set(wide.map(\.parcelID)) == ["B", "C", "D", "E"])
        #expect(abs(wide.first { $0.parcelID == "D" }!.distanceM - 10) < 1e-6)
    }

    @Test("an unknown parcel and a negative tolerance are refused")
    func refused() throws {
        let r = try Self.layout()
        #expect { _ = try r.neighbours(of: "Z") } throws: { "\($0)".contains("no parcel with id \"Z\"") }
        #expect { _ = try r.neighbours(of: "A", tolerance: -1) } throws: { ($0 as? RegistryError)?.kind == .invalidArgument }
    }
}

import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Idle factory buildings")
struct BuildingTests {
    @Test("the fixture's 165 buildings stand on their parcels and hold 825,854 m² of floor space")
    func fixtureBuildings() throws {
        let r = try ledger()
        let s = try r.importBuildings(from: try FeatureSources.open(fixture("xinyu-hitech-buildings.geojson")))
        #expect(s.imported.parcels == 165)
        let floor = try r.floorSpace()
        #expect(floor.total.buildings == 165 && floor.total.floorAreaM2 == 825_854)
        let stats = try r.stats()
        #expect(stats.floorSpace.floorAreaM2 == 825_854)
        let b = try #require(try r.buildings(parcelID: "XYGX-2023-011").first)
        #expect(b.parcelID == "XYGX-2023-011" && b.footprintEllipsoidalAreaM2 > 0)
        #expect(try r.history(of: Subject(.building, b.buildingID)).first?.kind == .registered)
    }

    func oneBuilding(parcel: String, offset: Double) throws -> String {
        let path = try scratchDirectory() + "/b.geojson"
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"B-1","properties":{"parcel_id":"\(parcel)","floor_area_m2":1000},"geometry":{"type":"Polygon","coordinates":[[[\(offset),3076000],[\(offset + 20),3076000],[\(offset + 20),3076020],[\(offset),3076020],[\(offset),3076000]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a footprint that does not lie on its parcel is refused, naming both, and nothing is written")
    func offParcel() throws {
        let r = try ledger()
        #expect {
            _ = try r.importBuildings(from: try FeatureSources.open(try oneBuilding(parcel: "XYGX-2023-001", offset: 500_000)))
        } throws: { e in
            let d = "\(e)"
            return d.contains("B-1") && d.contains("does not lie on parcel \"XYGX-2023-001\"")
        }
        #expect(try r.buildings().isEmpty)
    }

    @Test("a building on a parcel that is not in the registry is refused")
    func noParcel() throws {
        let r = try ledger()
        #expect { _ = try r.importBuildings(from: try FeatureSources.open(try oneBuilding(parcel: "NOPE", offset: 588_000))) }
            throws: { "\($0)".contains("no parcel \"NOPE\"") }
    }

    @Test("vacant floor area above the floor area is refused")
    func vacancy() throws {
        let r = try ledger()
        let path = try scratchDirectory() + "/v.geojson"
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"B-2","properties":{"parcel_id":"XYGX-2023-001","floor_area_m2":100,"vacant_floor_area_m2":150},"geometry":null}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { _ = try r.importBuildings(from: try FeatureSources.open(path)) } throws: { "\($0)".contains("vacant_floor_area_m2") }
    }
}

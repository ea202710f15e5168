import Foundation
import Testing
@testable import LandbankRegistry

@Suite("A search that found nothing is remembered only while the registry is unchanged")
struct EmptySiteCacheTests {
    /// One 3 km × 3 km parcel (13,500 mu) near the fixture's parcels, in EPSG:4547.
    func bigParcel() throws -> String {
        let path = try scratchDirectory() + "/big.geojson"
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"BIG-1","properties":{"status":"idle"},"geometry":{"type":"Polygon","coordinates":[[[590000,3080000],[593000,3080000],[593000,3083000],[590000,3083000],[590000,3080000]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let huge = ParcelQuery(minMu: 10_000, near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 50), limit: 10)

    @Test("nothing over 10,000 mu; then another handle imports one, and the same search finds it at once")
    func anotherHandleWrites() throws {
        let r = try ledger()
        #expect(try r.findParcels(huge).hits.isEmpty)
        #expect(try r.findParcels(huge).hits.isEmpty)  // answered from the note
        let other = try Registry.open(at: r.path, readOnly: false, busyLimit: 10, onWait: nil)
        _ = try other.importFile(try bigParcel(), ImportOptions(recordedBy: "clerk"))
        #expect(try r.findParcels(huge).hits.map(\.parcel.parcelID) == ["BIG-1"])
    }

    @Test("the same through this handle's own writer, and for buildings")
    func ownWrites() throws {
        let r = try ledger()
        #expect(try r.findParcels(huge).hits.isEmpty)
        _ = try r.importFile(try bigParcel(), ImportOptions(recordedBy: "clerk"))
        #expect(try r.findParcels(huge).hits.map(\.parcel.parcelID) == ["BIG-1"])
        let roomy = BuildingQuery(criteria: BuildingCriteria(minVacantM2: 1_000_000), near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 50))
        #expect(try r.findBuildings(roomy).hits.isEmpty)
        #expect(try r.findBuildings(roomy).hits.isEmpty)
    }
}

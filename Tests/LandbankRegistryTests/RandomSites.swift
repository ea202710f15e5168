import Foundation
@testable import LandbankRegistry

/// A registry of random parcels (squares of 20–190 m on a 200 m grid near Xinyu, EPSG:4547) with random
/// attributes, and random buildings on about half of them, some attributes left empty. `zonesApart`: each zone
/// a band of columns (west to east) instead of scattered, as a development zone's 片区 lie.
enum RandomSites {
    static let origin = (x: 592_000.0, y: 3_075_000.0)
    static let columns = 20, rows = 15, cell = 200.0
    static let zones = ["马洪片区", "袁河片区", "光明片区"]
    static let uses = ["industrial", "warehousing", "commercial"]
    static let statuses: [ParcelStatus] = [.recovered, .revitalized, .underRecovery]

    static func make(seed: UInt64, zonesApart: Bool = false) throws -> Registry {
        var g = SplitMix64(seed: seed)
        let dir = try scratchDirectory()
        var parcels: [String] = [], buildings: [String] = []
        for i in 0..<(columns * rows) {
            let cx = origin.x + (Double(i % columns) + 0.5) * cell, cy = origin.y + (Double(i / columns) + 0.5) * cell
            let half = Double.random(in: 10...95, using: &g)
            let id = String(format: "R-%04d", i)
            parcels.append(feature(id, square(cx, cy, half), [
                "zone": zonesApart ? zones[(i % columns) * zones.count / columns] : zones.randomElement(using: &g)!, "land_use": uses.randomElement(using: &g)!,
                "status": statuses.randomElement(using: &g)!.rawValue,
            ]))
            guard Bool.random(using: &g) else { continue }
            for k in 0..<Int.random(in: 1...2, using: &g) {
                let floor = Double(Int.random(in: 1_000...40_000, using: &g))
                var p: [String: Any] = ["parcel_id": id, "floor_area_m2": floor,
                                        "standard_factory": Bool.random(using: &g)]
                func maybe(_ key: String, _ value: Any) { if Int.random(in: 0..<5, using: &g) > 0 { p[key] = value } }
                maybe("vacant_floor_area_m2", (floor * Double.random(in: 0...1, using: &g)).rounded())
                maybe("clear_height_m", Double(Int.random(in: 4...16, using: &g)))
                maybe("floor_load_kn_m2", Double(Int.random(in: 5...50, using: &g)))
                maybe("power_kva", Double(Int.random(in: 100...5_000, using: &g)))
                maybe("crane_t", Double(Int.random(in: 0...50, using: &g)))
                maybe("available_from", String(format: "2025-%02d-15", Int.random(in: 1...12, using: &g)))
                let bx = cx + (k == 0 ? -half / 2 : half / 2)
                buildings.append(feature("\(id)-B\(k)", square(bx, cy, half / 5), p))
            }
        }
        let r = try Registry.create(at: dir + "/registry.gpkg", crs: "EPSG:4547")
        try collection(parcels).write(toFile: dir + "/p.geojson", atomically: true, encoding: .utf8)
        try collection(buildings).write(toFile: dir + "/b.geojson", atomically: true, encoding: .utf8)
        _ = try r.importFile(dir + "/p.geojson")
        _ = try r.importBuildings(from: try FeatureSources.open(dir + "/b.geojson"))
        return r
    }

    static func square(_ cx: Double, _ cy: Double, _ h: Double) -> [[Double]] {
        [[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h], [cx - h, cy - h]]
    }

    static func feature(_ id: String, _ ring: [[Double]], _ properties: [String: Any]) -> String {
        let props = String(decoding: try! JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys]), as: UTF8.self)
        let coords = ring.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
        return #"{"type":"Feature","id":"\#(id)","properties":\#(props),"geometry":{"type":"Polygon","coordinates":[[\#(coords)]]}}"#
    }

    static func collection(_ features: [String]) -> String {
        #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["#
            + features.joined(separator: ",\n") + "]}"
    }
}

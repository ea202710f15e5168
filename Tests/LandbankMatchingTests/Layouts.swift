import Foundation
import LandbankGeometry
import LandbankRegistry
@testable import LandbankMatching

/// Registries built for the matcher's tests from hand-made parcels and buildings in EPSG:4547 (metres, near
/// Xinyu), written as GeoJSON and imported as `Tests/LandbankRegistryTests` do.
enum Layouts {
    static let x0 = 590_000.0, y0 = 3_076_000.0

    struct P {
        var id: String
        var rings: [[[Double]]]
        var zone = "测试区"
        var status = "recovered"
        var extra: [String: Any] = [:]
    }

    /// A rectangle's ring, metres relative to (x0, y0).
    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [[Double]] {
        [[x0 + x, y0 + y], [x0 + x + w, y0 + y], [x0 + x + w, y0 + y + h], [x0 + x, y0 + y + h], [x0 + x, y0 + y]]
    }

    static func feature(_ id: String, _ rings: [[[Double]]], _ properties: [String: Any]) -> String {
        let props = String(decoding: try! JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys]), as: UTF8.self)
        let coords = rings.map { "[" + $0.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",") + "]" }.joined(separator: ",")
        return #"{"type":"Feature","id":"\#(id)","properties":\#(props),"geometry":{"type":"Polygon","coordinates":[\#(coords)]}}"#
    }

    static func collection(_ features: [String]) -> String {
        #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["#
            + features.joined(separator: ",\n") + "]}"
    }

    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-match-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A registry holding `parcels` and `buildings` (each building: id, parcel id, a footprint ring, properties).
    static func registry(_ parcels: [P], buildings: [(String, [[Double]], [String: Any])] = []) throws -> Registry {
        let dir = try scratch()
        let r = try Registry.create(at: dir + "/r.gpkg", crs: "EPSG:4547")
        let pf = parcels.map { p in feature(p.id, p.rings, p.extra.merging(["zone": p.zone, "status": p.status]) { a, _ in a }) }
        try collection(pf).write(toFile: dir + "/p.geojson", atomically: true, encoding: .utf8)
        _ = try r.importParcels(from: try FeatureSources.open(dir + "/p.geojson"))
        if !buildings.isEmpty {
            try collection(buildings.map { feature($0.0, [$0.1], $0.2) }).write(toFile: dir + "/b.geojson", atomically: true, encoding: .utf8)
            _ = try r.importBuildings(from: try FeatureSources.open(dir + "/b.geojson"))
        }
        return r
    }

    /// The lon/lat of a point given in metres relative to (x0, y0).
    static func lonLat(_ x: Double, _ y: Double, in r: Registry) throws -> (lon: Double, lat: Double) {
        let t = try LandbankGeodesyBridge.toLonLat(r)
        let p = try t(Point(x: x0 + x, y: y0 + y))
        return (p.x, p.y)
    }

    static func demand(_ json: String) throws -> Demand {
        try DemandReader.read(Data(json.utf8), file: "test.json")[0]
    }
}

/// Keeps the test target's imports to what Package.swift gives it: the transformation comes through the
/// registry's own CRS maker.
enum LandbankGeodesyBridge {
    static func toLonLat(_ r: Registry) throws -> (Point) throws -> Point {
        let map = try SiteMap(registry: r)
        return { try map.toLonLat.transform($0) }
    }
}

/// A seeded generator (SplitMix64), so that random cases repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

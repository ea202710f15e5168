import Foundation
@testable import LandbankRegistry

/// Rectangular parcels in EPSG:4547 (metres), whose cadastral areas are exact: w × h m², ÷ 10000/15 for mu.
enum EfficiencyLayout {
    /// A GeoJSON file of rectangles (id, x, y, width, height), optionally with a zone.
    static func parcels(_ rects: [(String, Double, Double, Double, Double)], zone: String = "袁河片区") throws -> String {
        let features = rects.map { id, x, y, w, h in
            #"{"type":"Feature","id":"\#(id)","properties":{"zone":"\#(zone)","status":"assigned"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + w),\#(y)],[\#(x + w),\#(y + h)],[\#(x),\#(y + h)],[\#(x),\#(y)]]]}}"#
        }
        let path = try scratchDirectory() + "/parcels.geojson"
        try (#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":["# + "\n"
            + features.joined(separator: ",\n") + "]}").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func registry(_ rects: [(String, Double, Double, Double, Double)]) throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(try parcels(rects))
        return r
    }

    static func write(_ text: String, name: String) throws -> String {
        let path = try scratchDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

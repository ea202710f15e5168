import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankRegistry

/// Candidates and blocks as an RFC 7946 FeatureCollection for a web map: WGS 84 lon/lat through PROJ, exterior
/// rings counter-clockwise, holes clockwise, 7 decimals, no `crs`.
public struct SiteMap {
    let registry: Registry
    let toLonLat: Transformation
    var features: [(id: String, properties: [JSONMember], geometry: MultiPolygon)] = []

    public init(registry: Registry) throws {
        self.registry = registry
        toLonLat = try Transformation(from: registry.crs, to: try registry.makeCRS("EPSG:4326"))
    }

    /// Each candidate of each answer: joined parcels as their union, floor space as the building's parcel.
    public mutating func add(_ answer: MatchAnswer) throws {
        for (rank, c) in answer.candidates.enumerated() {
            let shape: MultiPolygon
            if let s = c.site.shape { shape = s.geometry }
            else if c.parcels.count == 1, let (_, g) = try registry.parcel(id: c.parcels[0]) { shape = g }
            else { shape = try GEOSContext().union(try c.parcels.compactMap { try registry.parcel(id: $0).map { .multiPolygon($0.geometry) } }).geometry }
            var props: [JSONMember] = [
                JSONMember("demand", .string(answer.demand)), JSONMember("rank", .number("\(rank + 1)")),
                JSONMember("kind", .string(c.site.kind.rawValue)),
                JSONMember("parcels", .array(c.parcels.map(JSONValue.string))),
                JSONMember("area_mu", GeoJSONWriter.number(c.site.areaMu, decimals: 3)),
                JSONMember("score", GeoJSONWriter.number(c.score, decimals: 3)),
                JSONMember("reliability", GeoJSONWriter.number(c.reliability, decimals: 3)),
                JSONMember("reasons", .array(c.reasons.map(JSONValue.string))),
            ]
            if let b = c.building { props.insert(JSONMember("building", .string(b)), at: 4) }
            if let km = c.site.distanceKm { props.append(JSONMember("distance_km", GeoJSONWriter.number(km, decimals: 3))) }
            features.append(("\(answer.demand)#\(rank + 1)", props, shape))
        }
    }

    public mutating func add(_ blocks: [Block]) {
        for (i, b) in blocks.enumerated() {
            features.append(("block-\(i + 1)", [
                JSONMember("parcels", .array(b.parcels.map(JSONValue.string))),
                JSONMember("parcel_count", .number("\(b.parcels.count)")),
                JSONMember("area_mu", GeoJSONWriter.number(b.areaMu, decimals: 3)),
                JSONMember("zones", .array(b.zones.map(JSONValue.string))),
                JSONMember("compactness", GeoJSONWriter.number(b.shape.compactness, decimals: 3)),
            ], b.shape.geometry))
        }
    }

    /// The collection's bytes.
    public func data(name: String) throws -> Data {
        var out = Data()
        var writer = GeoJSONWriter(decimals: 7, crsName: nil, name: name) { out.append(contentsOf: $0) }
        for f in features {
            let g = try toLonLat.transform(Geometry.multiPolygon(f.geometry)).asMultiPolygon.orientedRFC7946()
            try writer.write(id: f.id, properties: f.properties, geometry: .multiPolygon(g))
        }
        try writer.finish()
        return out
    }
}

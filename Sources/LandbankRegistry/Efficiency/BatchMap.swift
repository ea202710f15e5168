import Foundation
import LandbankGeometry

extension Registry {
    /// The approved-not-supplied polygons (batch − supplied parcels) as an RFC 7946 FeatureCollection for a web
    /// map: WGS 84 lon/lat through PROJ, exterior rings counter-clockwise, 7 decimals, no `crs`. One feature per
    /// batch with land left, with its figures (as rounded in `report`).
    public func batchMap(_ report: BatchReport) throws -> Data {
        let toLonLat = try transformation(from: store.crsDefinition, to: "EPSG:4326")
        var out = Data()
        var writer = GeoJSONWriter(decimals: 7, crsName: nil, name: "approved_not_supplied") { out.append(contentsOf: $0) }
        for b in report.batches {
            guard let shape = b.unsupplied else { continue }
            let g = try toLonLat.transform(Geometry.multiPolygon(shape)).asMultiPolygon.orientedRFC7946()
            try writer.write(id: b.approvalNumber, properties: [
                JSONMember("approval_no", .string(b.approvalNumber)), JSONMember("kind", .string(b.kind.chineseName)),
                JSONMember("approved_on", .string(b.approvedOn.description)), JSONMember("zone", b.zone.map(JSONValue.string) ?? .null),
                JSONMember("approved_mu", GeoJSONWriter.number(b.approvedMu, decimals: 3)),
                JSONMember("unsupplied_mu", GeoJSONWriter.number(b.unsuppliedMu, decimals: 3)),
                JSONMember("supply_rate_percent", GeoJSONWriter.number(b.supplyRate, decimals: 2)),
                JSONMember("over_two_years_unsupplied", .bool(b.flagged)),
            ], geometry: .multiPolygon(g))
        }
        try writer.finish()
        return out
    }
}

import Foundation
import LandbankGeometry

/// How the registry stores a geometry: a GeoPackage blob of a MultiPolygon with normalised rings (exterior
/// counter-clockwise, holes clockwise) and its envelope.
enum StoredGeometry {
    /// The geometry as the registry keeps it: a MultiPolygon, exterior rings counter-clockwise, holes clockwise.
    static func normalise(_ g: Geometry) -> MultiPolygon {
        g.asMultiPolygon.orientedRFC7946()
    }

    static func encode(_ g: Geometry, srsID: Int32) -> [UInt8] {
        let m = normalise(g)
        return GeoPackageBinary.encode(.multiPolygon(m), srsID: srsID, envelope: m.boundingBox)
    }

    /// The blob re-encoded as stored (same srs_id); throws when it is not a readable GeoPackage polygon blob.
    static func normalised(_ blob: Data) throws -> Data {
        try blob.withUnsafeBytes { raw in
            let decoded = try GeoPackageBinary.decode(raw)
            guard let g = decoded.geometry else { throw GeometryError(.empty) }
            return Data(encode(g, srsID: decoded.srsID))
        }
    }
}

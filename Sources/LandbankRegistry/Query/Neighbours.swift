import Foundation
import LandbankGeometry

/// A parcel next to another: touching it or within the tolerance, and how much boundary they share.
public struct Neighbour: Sendable, Encodable {
    public var parcelID: String
    /// The least distance between the two parcels, m (0 when they touch).
    public var distanceM: Double
    /// Boundary shared within the tolerance, m (see `GEOSContext.sharedBoundaryLength`).
    public var sharedBoundaryM: Double

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", distanceM = "distance_m", sharedBoundaryM = "shared_boundary_m"
    }
}

extension Registry {
    /// The parcels that touch parcel `id` or lie within `tolerance` metres of it (default 0.5 m, for survey
    /// slivers), longest shared boundary first. Candidates come from the R*Tree (the parcel's envelope grown by
    /// the tolerance); distance and shared length are planar, in the registry's projected CRS, through GEOS.
    /// Land assembly starts from these. A geographic registry is refused (its unit is not the metre).
    public func neighbours(of id: String, tolerance: Double = 0.5) throws -> [Neighbour] {
        guard tolerance.isFinite, tolerance >= 0, tolerance <= 1000 else {
            throw RegistryError(path: path, kind: .invalidArgument, "tolerance \(tolerance) m: give 0 to 1000 m")
        }
        guard crs.kind == .projected else {
            throw RegistryError(path: path, kind: .invalidArgument,
                                "neighbours are measured in metres; \(crs.identifier) is geographic")
        }
        guard let (_, shape) = try parcel(id: id) else {
            throw RegistryError(path: path, "no parcel with id \"\(id)\"")
        }
        let e = shape.boundingBox
        let window = BoundingBox(minX: e.minX - tolerance, minY: e.minY - tolerance, maxX: e.maxX + tolerance, maxY: e.maxY + tolerance)
        let candidates = try store.read { try $0.parcelShapes(meeting: window) }.filter { $0.id != id }
        let geos = try GEOSContext()
        var out: [Neighbour] = []
        for (other, g) in candidates {
            let d = try geos.distance(.multiPolygon(shape), .multiPolygon(g))
            guard d <= tolerance else { continue }
            let shared = try geos.sharedBoundaryLength(.multiPolygon(shape), .multiPolygon(g), tolerance: tolerance)
            out.append(Neighbour(parcelID: other, distanceM: d, sharedBoundaryM: shared))
        }
        return out.sorted { $0.sharedBoundaryM > $1.sharedBoundaryM || ($0.sharedBoundaryM == $1.sharedBoundaryM && $0.parcelID < $1.parcelID) }
    }
}

import LandbankGeometry

extension Registry {
    /// The geometries (registry CRS) of many parcels, read in one snapshot; ids not in the registry are left
    /// out. What a whole set's adjacency (assembly, blocks) reads: one read instead of one per parcel.
    public func shapes(of ids: [String]) throws -> [String: MultiPolygon] {
        try parcelsWithShapes(of: ids).mapValues(\.geometry)
    }

    /// Many parcels without their geometries, by id, read by one statement; ids not in the registry are left out.
    /// What the matcher's floor-space search reads for the buildings it finds (their parcels' zones and statuses).
    public func parcels(ids: [String]) throws -> [String: Parcel] {
        try store.mapped {
            let found = try store.read { try $0.parcels(ids: ids) }
            return Dictionary(found.map { ($0.parcelID, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Many parcels with their geometries (registry CRS), read in one snapshot; ids not in the registry are left
    /// out. What `shapes(of:)` reads for a set's adjacency: one read instead of one each.
    public func parcelsWithShapes(of ids: [String]) throws -> [String: (parcel: Parcel, geometry: MultiPolygon)] {
        try store.mapped {
            try store.read { r in
                var out: [String: (parcel: Parcel, geometry: MultiPolygon)] = [:]
                out.reserveCapacity(ids.count)
                for id in ids where out[id] == nil {
                    if let found = try r.parcel(id: id) { out[id] = found }
                }
                return out
            }
        }
    }

    /// Every parcel the filter selects with its geometry (registry CRS), by parcel id, streamed from one
    /// snapshot: what `blocks` reads for the whole of the available land, one statement instead of one read each.
    public func forEachParcelWithShape(_ filter: ParcelFilter = ParcelFilter(),
                                       _ body: (Parcel, MultiPolygon) throws -> Void) throws {
        try store.mapped { try store.read { try $0.forEachParcelWithShape(filter, body) } }
    }
}

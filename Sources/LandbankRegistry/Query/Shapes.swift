import LandbankGeometry

extension Registry {
    /// The geometries (registry CRS) of many parcels, read in one snapshot; ids not in the registry are left
    /// out. What a whole set's adjacency (assembly, blocks) reads: one read instead of one per parcel.
    public func shapes(of ids: [String]) throws -> [String: MultiPolygon] {
        try store.mapped {
            try store.read { r in
                var out: [String: MultiPolygon] = [:]
                out.reserveCapacity(ids.count)
                for id in ids where out[id] == nil {
                    if let (_, g) = try r.parcel(id: id) { out[id] = g }
                }
                return out
            }
        }
    }
}

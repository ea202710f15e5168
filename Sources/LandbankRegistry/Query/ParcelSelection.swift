import LandbankLifecycle

extension Registry {
    /// Calls `body` with every parcel the query selects (its limit and page token ignored): streamed from the
    /// store when only status and zone filter, else found through the site search's indexes first.
    public func forEachParcel(matching q: ParcelQuery, _ body: (Parcel) throws -> Void) throws {
        if q.isPlain { return try store.read { try $0.forEachParcel(q.plainFilter, limit: nil, body) } }
        for hit in try selection(q) { try body(hit.parcel) }
    }

    /// The parcels the query selects (whole, not one page), by id.
    func selection(_ q: ParcelQuery) throws -> [ParcelHit] {
        var whole = q
        whole.limit = nil
        whole.pageToken = nil
        whole.sort = q.near == nil ? .parcelID : .distance
        return try findParcels(whole).hits.sorted { $0.parcel.parcelID < $1.parcel.parcelID }
    }

    /// The ids of the parcels a query selects, or nil when it selects by status and zone only (which a
    /// store's own filter applies).
    func selectedIDs(_ q: ParcelQuery) throws -> Set<String>? {
        q.isPlain ? nil : Set(try selection(q).map(\.parcel.parcelID))
    }
}

import GRDB
import LandbankGeometry

extension GeoPackageStore {
    /// The parcels a query asks for, one page of them. Throws an invalid-argument `RegistryError` for values
    /// that make no query (a minimum above a maximum, a latitude past 90°, a token from another search).
    func findParcels(_ q: ParcelQuery, search: SiteSearch) throws -> SitePage<ParcelHit> {
        if let problem = q.problem { throw search.invalid(problem) }
        let sort = q.effectiveSort
        let after = try q.pageToken.map { try PageToken($0, sort: sort, path: path) }
        let site = q.siteConditions(projected: search.projected)
        let known = q.near != nil || q.bbox != nil ? try knownEmpty(.parcels, site) : nil
        if known?.empty == true { return SitePage(hits: [], nextPageToken: nil) }
        let (conditions, args) = q.attributeSQL(projected: search.projected)
        let need = q.limit.map { $0 + 1 }
        func key(_ p: Parcel) -> Double { sort == .area ? -(p.cadastralAreaM2 ?? p.ellipsoidalAreaM2) : 0 }
        let found: [Found<Parcel>] = try searchRead { db in
            if q.near != nil || q.bbox != nil {
                return try search.spatial(db, layer: .parcels, site: site, conditions: conditions, args, near: q.near, bbox: q.bbox,
                                   need: sort == .distance ? need : nil, after: after, sortByDistance: sort == .distance,
                                   zones: q.requiredZones, keepShapes: q.withShapes, foundNothing: { known?.note() }) { row in
                    let p = Parcel(row: row)
                    return (p, p.parcelID, key(p))
                }
            }
            var sql = "SELECT \(SpatialLayer.aliased(Parcel.Columns.all, "p")) FROM parcels p WHERE \(conditions)"
            var all = args
            let area = "coalesce(p.cadastral_area_m2, p.ellipsoidal_area_m2)"
            switch (sort, after) {
            case (.area, let after?):
                sql += " AND (\(area) < ? OR (\(area) = ? AND p.parcel_id > ?))"
                all += [-after.key, -after.key, after.id]
            case (_, let after?):
                sql += " AND p.parcel_id > ?"
                all += [after.id]
            default: break
            }
            sql += sort == .area ? " ORDER BY \(area) DESC, p.parcel_id" : " ORDER BY p.parcel_id"
            if let need { sql += " LIMIT \(need)" }
            return try Row.fetchAll(db, sql: sql, arguments: all).map { row in
                let p = Parcel(row: row)
                return Found(item: p, id: p.parcelID, key: key(p))
            }
        }
        return search.page(found, limit: q.limit, sort: sort) { ParcelHit(parcel: $0.item, distanceKm: $0.distanceKm, shape: $0.shape) }
    }

    /// The site index's boxes of the parcels whose indexed attributes may match, in the window of the `near`
    /// radius (clipped to the zones' extents as a search is): entries of the R*Tree, no row read.
    func parcelBoxes(_ q: ParcelQuery, search: SiteSearch) throws -> [ParcelBox] {
        guard let near = q.near else { return [] }
        let window = try search.window(around: near.point, km: near.withinKm)
        let site = q.siteConditions(projected: search.projected)
        return try searchRead { db in
            try db.snapshot {
                let clips = try q.requiredZones.map { try ZoneExtents.clips(db, zones: $0) }
                let parts = ZoneExtents.parts(of: window, clips: clips)
                var seen: Set<Int64> = [], out: [ParcelBox] = []
                for w in parts {
                    let rows = try SpatialLayer.parcels.boxes(db, window: w, site: site)
                    while let row = try rows.next() {
                        let fid: Int64 = row[0]
                        // Zones' boxes may overlap: an entry read through two of them is kept once.
                        guard parts.count == 1 || seen.insert(fid).inserted else { continue }
                        out.append(ParcelBox(fid: fid, box: BoundingBox(minX: row[1], minY: row[3], maxX: row[2], maxY: row[4])))
                    }
                }
                return out
            }
        }
    }

    /// The buildings a query asks for, one page of them: nearest first with `near`, else by building id.
    func findBuildings(_ q: BuildingQuery, search: SiteSearch) throws -> SitePage<BuildingHit> {
        if let problem = q.problem { throw search.invalid(problem) }
        let sort = q.sort
        let after = try q.pageToken.map { try PageToken($0, sort: sort, path: path) }
        let layer = SpatialLayer.buildings(joiningParcels: q.parcelZone != nil || q.parcelStatus != nil)
        let site = q.criteria.siteConditions
        let known = q.near != nil ? try knownEmpty(layer, site) : nil
        if known?.empty == true { return SitePage(hits: [], nextPageToken: nil) }
        let (conditions, args) = q.attributeSQL()
        let need = q.limit.map { $0 + 1 }
        let found: [Found<Building>] = try searchRead { db in
            if q.near != nil {
                return try search.spatial(db, layer: layer, site: site, conditions: conditions, args, near: q.near, bbox: nil,
                                   need: need, after: after, sortByDistance: true, foundNothing: { known?.note() }) { row in
                    let b = Building(row: row)
                    return (b, b.buildingID, 0)
                }
            }
            var sql = "SELECT \(SpatialLayer.aliased(Building.columns, "b")) FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id WHERE \(conditions)"
            var all = args
            if let after { sql += " AND b.building_id > ?"; all += [after.id] }
            sql += " ORDER BY b.building_id"
            if let need { sql += " LIMIT \(need)" }
            return try Row.fetchAll(db, sql: sql, arguments: all).map { row in
                let b = Building(row: row)
                return Found(item: b, id: b.buildingID, key: 0)
            }
        }
        return search.page(found, limit: q.limit, sort: sort) { BuildingHit(building: $0.item, distanceKm: $0.distanceKm) }
    }
}

extension GeoPackageStore {
    /// Whether a search with these site conditions already found nothing in the file as it is now; if not,
    /// `note` remembers it when this search finds nothing (stamped with the state read before the search, so
    /// that a commit in between makes the note stale, never wrong).
    func knownEmpty(_ layer: SpatialLayer, _ site: SiteConditions) throws -> (empty: Bool, note: () -> Void)? {
        guard !site.isEmpty else { return nil }
        let key = EmptySiteCache.key(layer, site)
        let stamp = try changeStamp()
        if emptySites.isKnownEmpty(key, stamp: stamp) { return (true, {}) }
        return (false, { [emptySites] in emptySites.noteEmpty(key, stamp: stamp) })
    }

    /// A site search's read. GRDB's `read` wraps every read in a savepoint parsed anew each time, which costs
    /// more than a search that finds nothing; here the first statement runs in SQLite's own statement snapshot
    /// (one statement sees one state of the file), and a search that reads on (`Database.snapshot`) holds one
    /// transaction begun and ended by cached statements, so that every window it reads sees the same state.
    func searchRead<T>(_ body: (Database) throws -> T) throws -> T {
        try db.unsafeRead(body)
    }
}

extension Database {
    /// Runs `body` in one deferred read transaction (one snapshot of the file), begun and committed through
    /// cached statements; inside a transaction already, just runs it.
    func snapshot<T>(_ body: () throws -> T) throws -> T {
        if isInsideTransaction { return try body() }
        try cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
        do {
            let value = try body()
            try cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return value
        } catch {
            try? cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            throw error
        }
    }
}

import LandbankGeometry

/// Site search on PostgreSQL: the B-trees narrow the attributes, the GiST index the space (`&&` against the
/// window), and the same store-agnostic Swift as the GeoPackage path decides (`SiteSearch`: the exact
/// ellipsoidal distance to the nearest boundary point, the window around a point, the ordering and the page
/// token), so that both stores give the same answers, to the bit.
///
/// Nearest-k grows its window as the GeoPackage store does (1 km first, then to the radius the density found calls for, `SiteSearch.nextRadius`) until `need`
/// sites lie within the radius covered: PostGIS's `<->` orders by planar distance in the registry's CRS, which
/// is not the ellipsoidal order the answer is in, so it cannot decide where to stop.
extension PostGISStore {
    func findParcels(_ q: ParcelQuery, search: SiteSearch) throws -> SitePage<ParcelHit> {
        if let problem = q.problem { throw search.invalid(problem) }
        let sort = q.effectiveSort
        let after = try q.pageToken.map { try PageToken($0, sort: sort, path: location) }
        let need = q.limit.map { $0 + 1 }
        func key(_ p: Parcel) -> Double { sort == .area ? -(p.cadastralAreaM2 ?? p.ellipsoidalAreaM2) : 0 }
        let found: [Found<Parcel>] = try mapped {
            try pool.read { c in
                var cond = PGConditions.parcels(q, projected: search.projected)
                if q.near != nil || q.bbox != nil {
                    let base = cond
                    return try spatial(search, near: q.near, bbox: q.bbox, need: sort == .distance ? need : nil, after: after,
                                       sortByDistance: sort == .distance, keepShapes: q.withShapes) { window in
                        var w = base
                        let box = "ST_MakeEnvelope(\(w.parameter(window.minX)), \(w.parameter(window.minY)), \(w.parameter(window.maxX)), \(w.parameter(window.maxY)), \(w.parameter(srsID)))"
                        return try c.query("""
                            SELECT \(PGRecords.aliased(PGRecords.parcelColumns, "p")), ST_AsBinary(p.geom) AS wkb FROM parcels p
                            WHERE p.geom && \(box) AND \(w.sql)
                            """, w.args).rows.map { r in
                            let p = PGRecords.parcel(r)
                            return (p, p.parcelID, key(p), try PGGeometry.multiPolygon(r, id: p.parcelID, location: location))
                        }
                    }
                }
                let area = "coalesce(p.cadastral_area_m2, p.ellipsoidal_area_m2)"
                var sql = "SELECT \(PGRecords.aliased(PGRecords.parcelColumns, "p")) FROM parcels p WHERE "
                switch (sort, after) {
                case (.area, let after?):
                    let k = cond.parameter(-after.key), id = cond.parameter(after.id)
                    sql += "(\(area) < \(k) OR (\(area) = \(k) AND p.parcel_id > \(id))) AND "
                case (_, let after?):
                    sql += "p.parcel_id > \(cond.parameter(after.id)) AND "
                default: break
                }
                sql += cond.sql + (sort == .area ? " ORDER BY \(area) DESC, p.parcel_id" : " ORDER BY p.parcel_id")
                if let need { sql += " LIMIT \(need)" }
                return try c.query(sql, cond.args).rows.map { r in
                    let p = PGRecords.parcel(r)
                    return Found(item: p, id: p.parcelID, key: key(p))
                }
            }
        }
        return search.page(found, limit: q.limit, sort: sort) { ParcelHit(parcel: $0.item, distanceKm: $0.distanceKm, shape: $0.shape) }
    }

    /// The envelopes of the parcels matching the query's attribute filters in the window of its `near` radius
    /// (the GiST index's `&&`, the rows' envelopes computed by PostGIS; no geometry sent).
    func parcelBoxes(_ q: ParcelQuery, search: SiteSearch) throws -> [ParcelBox] {
        guard let near = q.near else { return [] }
        let window = try search.window(around: near.point, km: near.withinKm)
        return try mapped {
            try pool.read { c in
                var w = PGConditions.parcels(q, projected: search.projected)
                let box = "ST_MakeEnvelope(\(w.parameter(window.minX)), \(w.parameter(window.minY)), \(w.parameter(window.maxX)), \(w.parameter(window.maxY)), \(w.parameter(srsID)))"
                return try c.query("""
                    SELECT p.fid, ST_XMin(p.geom) AS min_x, ST_XMax(p.geom) AS max_x, ST_YMin(p.geom) AS min_y, ST_YMax(p.geom) AS max_y
                    FROM parcels p WHERE p.geom && \(box) AND \(w.sql)
                    """, w.args).rows.map { r in
                    ParcelBox(fid: r["fid"] ?? 0, box: BoundingBox(minX: r["min_x"] ?? 0, minY: r["min_y"] ?? 0, maxX: r["max_x"] ?? 0, maxY: r["max_y"] ?? 0))
                }
            }
        }
    }

    func findBuildings(_ q: BuildingQuery, search: SiteSearch) throws -> SitePage<BuildingHit> {
        if let problem = q.problem { throw search.invalid(problem) }
        let sort = q.sort
        let after = try q.pageToken.map { try PageToken($0, sort: sort, path: location) }
        let need = q.limit.map { $0 + 1 }
        let found: [Found<Building>] = try mapped {
            try pool.read { c in
                var cond = PGConditions.buildings(q)
                let from = "FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id"
                if q.near != nil {
                    let base = cond
                    return try spatial(search, near: q.near, bbox: nil, need: need, after: after, sortByDistance: true) { window in
                        var w = base
                        let box = "ST_MakeEnvelope(\(w.parameter(window.minX)), \(w.parameter(window.minY)), \(w.parameter(window.maxX)), \(w.parameter(window.maxY)), \(w.parameter(srsID)))"
                        return try c.query("""
                            SELECT \(PGRecords.aliased(PGRecords.buildingColumns, "b")), ST_AsBinary(b.geom) AS wkb \(from)
                            WHERE b.geom && \(box) AND \(w.sql)
                            """, w.args).rows.map { r in
                            let b = PGRecords.building(r)
                            return (b, b.buildingID, 0, try PGGeometry.multiPolygon(r, id: b.buildingID, location: location))
                        }
                    }
                }
                var sql = "SELECT \(PGRecords.aliased(PGRecords.buildingColumns, "b")) \(from) WHERE "
                if let after { sql += "b.building_id > \(cond.parameter(after.id)) AND " }
                sql += cond.sql + " ORDER BY b.building_id"
                if let need { sql += " LIMIT \(need)" }
                return try c.query(sql, cond.args).rows.map { r in
                    let b = PGRecords.building(r)
                    return Found(item: b, id: b.buildingID, key: 0)
                }
            }
        }
        return search.page(found, limit: q.limit, sort: sort) { BuildingHit(building: $0.item, distanceKm: $0.distanceKm) }
    }

    /// The sites within `near` and/or meeting `bbox`, read window by window through `rows` (one snapshot: the
    /// caller's read), with their keys and distances, unsorted (see `SiteSearch.spatial` for the GeoPackage's).
    private func spatial<T>(_ search: SiteSearch, near: NearPoint?, bbox: BoundingBox?, need: Int?, after: PageToken?,
                            sortByDistance: Bool, keepShapes: Bool = false,
                            rows: (BoundingBox) throws -> [(item: T, id: String, key: Double, geometry: MultiPolygon)]) throws -> [Found<T>] {
        var out: [String: Found<T>] = [:]
        func read(_ window: BoundingBox, _ accept: (MultiPolygon) throws -> Double?) throws {
            var w = window
            if let bbox {
                guard w.intersects(bbox) else { return }
                w = BoundingBox(minX: max(w.minX, bbox.minX), minY: max(w.minY, bbox.minY),
                                maxX: min(w.maxX, bbox.maxX), maxY: min(w.maxY, bbox.maxY))
            }
            for (item, id, key0, g) in try rows(w) where out[id] == nil {
                if let bbox, !g.intersects(bbox) { continue }
                guard let distance = try accept(g) else { continue }
                let key = sortByDistance ? distance : key0
                if let after, !after.precedes(key: key, id: id) { continue }
                out[id] = Found(item: item, id: id, key: key, distanceKm: near == nil ? nil : distance, shape: keepShapes ? g : nil)
            }
        }
        guard let near else {
            if let bbox { try read(bbox) { _ in 0 } }
            return Array(out.values)
        }
        let plane = try search.toRegistry.transform(near.point)
        var radius = need == nil ? near.withinKm : min(near.withinKm, SiteSearch.firstRadiusKm)
        while true {
            try read(try search.window(around: near.point, km: radius)) { g in
                let d = try search.distanceKm(from: near.point, plane: plane, to: g)
                return d <= near.withinKm ? d : nil
            }
            guard radius < near.withinKm, let need else { break }
            let sure = out.values.reduce(0) { $0 + (($1.distanceKm ?? 0) <= radius ? 1 : 0) }
            if sure >= need { break }
            radius = min(near.withinKm, SiteSearch.nextRadius(radius, found: out.count, need: need))
        }
        return Array(out.values)
    }
}

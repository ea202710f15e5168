import GRDB
import LandbankGeometry

extension SiteSearch {
    /// The sites of `layer` matching `conditions` that lie within `near` and/or meet `bbox`, found through the
    /// R*Tree. With `need` (and a distance sort) it is a nearest-k search: in a projected registry one walk of
    /// the tree nearest box first (`NearestWalk`), stopped once `need` sites are no farther than the next box;
    /// otherwise (lon/lat registries, a bbox as well, the attribute indexes driving) over growing windows, each
    /// round reading only the R*Tree entries the previous window did not, stopped once `need` sites lie within
    /// the radius already covered. Without `need` one window of the whole radius is read. `zones` (parcels only): the rows are in one of these zones, so each window is
    /// read only where it meets their extents (`ZoneExtents`). Results come unsorted, each with its key and
    /// distance.
    func spatial<T>(_ db: Database, layer: SpatialLayer, site: SiteConditions, conditions: String, _ args: StatementArguments,
                    near: NearPoint?, bbox: BoundingBox?, need: Int?, after: PageToken?, sortByDistance: Bool, zones: [String]? = nil,
                    keepShapes: Bool = false, foundNothing: () -> Void = {}, decode: (Row) -> (item: T, id: String, key: Double)) throws -> [Found<T>] {
        let fromAttributes: Bool
        if site.isEmpty {
            let cap = Self.attributeDriveLimit
            let matches = conditions == "1" ? cap + 1 : try layer.attributeCount(db, conditions, args, cap: cap)
            // Nothing has these attributes: no window needs reading (the worst case of a site search, made cheap).
            if matches == 0 { return [] }
            fromAttributes = matches <= cap
        } else {
            // The site index bounds the attributes itself: if no box anywhere meets the bounds (found at its root
            // when the range lies outside every value) nothing can match; else the window drives, and the tree
            // skips every leaf without a possible match, however rare the matches are.
            if try !layer.siteHasAny(db, site) {
                foundNothing()
                return []
            }
            fromAttributes = false
        }
        // Something may match: the windows are read in one snapshot.
        return try db.snapshot {
            let clips = try zones.map { try ZoneExtents.clips(db, zones: $0) }
            if clips?.isEmpty == true { return [] }
            return try windows(db, layer: layer, site: site, conditions: conditions, args, near: near, bbox: bbox, need: need,
                               after: after, sortByDistance: sortByDistance, fromAttributes: fromAttributes, clips: clips,
                               keepShapes: keepShapes, decode: decode)
        }
    }

    /// The window reads of `spatial`, once the attribute check found that something may match. `clips`: the
    /// boxes holding every row that may match (the zones' extents); a window is read where it meets them.
    private func windows<T>(_ db: Database, layer: SpatialLayer, site: SiteConditions, conditions: String, _ args: StatementArguments,
                            near: NearPoint?, bbox: BoundingBox?, need: Int?, after: PageToken?, sortByDistance: Bool,
                            fromAttributes: Bool, clips: [BoundingBox]?, keepShapes: Bool,
                            decode: (Row) -> (item: T, id: String, key: Double)) throws -> [Found<T>] {
        var out: [Found<T>] = []
        // Zones' boxes may overlap: a row read through two of them is kept once.
        var taken: Set<String>? = (clips?.count ?? 0) > 1 ? [] : nil
        func read(_ window: BoundingBox, seen: BoundingBox?, _ accept: (Row, String, MultiPolygon) throws -> Double?) throws {
            var w = window
            if let bbox {
                guard let inside = w.clipped(to: bbox) else { return }
                w = inside
            }
            for part in ZoneExtents.parts(of: w, clips: clips) { try readPart(part, seen: seen, accept) }
        }
        func readPart(_ w: BoundingBox, seen: BoundingBox?, _ accept: (Row, String, MultiPolygon) throws -> Double?) throws {
            let rows = try layer.rows(db, window: w, seen: seen, site: site, conditions: conditions, args, fromAttributes: fromAttributes)
            while let row = try rows.next() { _ = try take(row, accept) }
        }
        /// Keeps the row if it matches (the distance it was kept at), unless it was kept before.
        func take(_ row: Row, _ accept: (Row, String, MultiPolygon) throws -> Double?) throws -> Double? {
            let (item, id, key0) = decode(row)
            if taken != nil, !taken!.insert(id).inserted { return nil }
            let g = try SpatialLayer.geometry(row, id: id, path: registry.path)
            if let bbox, !g.intersects(bbox) { return nil }
            guard let distance = try accept(row, id, g) else { return nil }
            let key = sortByDistance ? distance : key0
            if let after, !after.precedes(key: key, id: id) { return nil }
            out.append(Found(item: item, id: id, key: key, distanceKm: near == nil ? nil : distance, shape: keepShapes ? g : nil))
            return distance
        }
        guard let near else {
            // A window alone (the caller checked that one was given).
            if let bbox { try read(bbox, seen: nil) { _, _, _ in 0 } }
            return out
        }
        let plane = try toRegistry.transform(near.point)
        let accept: (Row, String, MultiPolygon) throws -> Double? = { _, _, g in
            let d = try self.distanceKm(from: near.point, plane: plane, to: g)
            return d <= near.withinKm ? d : nil
        }
        if let need, need > 0, projected, bbox == nil, !fromAttributes, near.withinKm > 0 {
            // Nearest box first (`NearestWalk`), one walk: every entry still to come is at least as far in the
            // plane as this one's box, so at least that distance over the plane's largest scale on the ground;
            // once `need` sites are nearer than that, none to come can be as near (strictly: a tie at the same
            // distance, two parcels holding the point for one, is settled by id, so it must be read). One walk
            // meets each entry once, whatever boxes clip it.
            taken = nil
            let scale = try planeScale(around: near.point, plane: plane, km: near.withinKm)
            let rows = try layer.nearestRows(db, point: plane, cut: near.withinKm * 1000 * scale, clips: clips, site: site,
                                             conditions: conditions, args)
            var nearest: [Double] = []
            while let row = try rows.next() {
                let least = NearestWalk.distance(from: plane, to: SpatialLayer.walkBox(row)) / scale / 1000
                if nearest.count == need, nearest[need - 1] < least { break }
                guard let d = try take(row, accept) else { continue }
                nearest.insert(d, at: nearest.firstIndex { $0 > d } ?? nearest.count)
                if nearest.count > need { nearest.removeLast() }
            }
            return out
        }
        var radius = need == nil || fromAttributes ? near.withinKm : min(near.withinKm, Self.firstRadiusKm)
        var seen: BoundingBox?
        while true {
            let window = try self.window(around: near.point, km: radius)
            try read(window, seen: seen, accept)
            seen = window
            guard radius < near.withinKm, let need else { break }
            let sure = out.reduce(0) { $0 + (($1.distanceKm ?? 0) <= radius ? 1 : 0) }
            if sure >= need { break }
            radius = min(near.withinKm, Self.nextRadius(radius, found: out.count, need: need))
        }
        return out
    }

    /// Sorts, cuts to `limit` and makes the next page's token from the last result kept.
    /// The sort moves positions, not records: a record (a parcel with its properties) is many times the size of
    /// its key, and sorting the records themselves spent more time moving memory than comparing.
    func page<T, Hit>(_ found: [Found<T>], limit: Int?, sort: ParcelSort, hit: (Found<T>) -> Hit) -> SitePage<Hit> {
        let keys = found.map { (key: $0.key, id: $0.id) }
        var order = Array(found.indices)
        order.sort { a, b in keys[a].key < keys[b].key || (keys[a].key == keys[b].key && keys[a].id < keys[b].id) }
        guard let limit, order.count > limit else { return SitePage(hits: order.map { hit(found[$0]) }, nextPageToken: nil) }
        let kept = order.prefix(limit)
        let token = kept.last.map { PageToken(sort: sort, key: keys[$0].key, id: keys[$0].id).text }
        return SitePage(hits: kept.map { hit(found[$0]) }, nextPageToken: token)
    }
}

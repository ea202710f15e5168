import GRDB
import GRDBSQLite
import LandbankGeometry

/// A nearest-first walk of an R*Tree: the SQL function `landbank_nearest(x, y, cut, [clip boxes…])`, used as
/// `r.id MATCH landbank_nearest(…)`, is an R*Tree query callback (`sqlite3_rtree_query_callback`, SQLite's
/// rtree.c) that scores every node and entry by the plane distance from (x, y) to its box. The R*Tree keeps its
/// queue in score order, so entries come out nearest box first, and a node is opened only when nothing nearer is
/// left: one walk instead of growing windows, which read a square (corners included), overshot the radius, and
/// read the first windows' entries again. Boxes farther than `cut`, or meeting none of the clip boxes (4 values
/// each: min x, min y, max x, max y; the zones' extents), are never opened. The other constraints on the tree's
/// columns (the site index's attribute bounds) apply as in any R*Tree query.
enum NearestWalk {
    static let function = "landbank_nearest"

    static func register(_ db: Database) {
        // rtree.c's codes for eWithin: NOT_WITHIN 0, PARTLY_WITHIN 1.
        let callback: @convention(c) (UnsafeMutablePointer<sqlite3_rtree_query_info>?) -> Int32 = { info in
            guard let info, info.pointee.nParam >= 3, info.pointee.nCoord >= 4 else { return SQLITE_ERROR }
            let c = info.pointee.aCoord!, p = info.pointee.aParam!
            let x = p[0], y = p[1], cut = p[2]
            let dx = max(c[0] - x, 0, x - c[1]), dy = max(c[2] - y, 0, y - c[3])
            let d = (dx * dx + dy * dy).squareRoot()
            var within = d <= cut
            if within, info.pointee.nParam > 3 {
                within = false
                var i = 3
                while i + 3 < Int(info.pointee.nParam) {
                    if c[0] <= p[i + 2], c[1] >= p[i], c[2] <= p[i + 3], c[3] >= p[i + 1] { within = true; break }
                    i += 4
                }
            }
            info.pointee.eWithin = within ? 1 : 0
            info.pointee.rScore = d
            return SQLITE_OK
        }
        // Registered on every connection of the pool; a failure leaves the function unknown, and a walk's
        // statement then fails to prepare with SQLite's own message.
        _ = sqlite3_rtree_query_callback(db.sqliteConnection, function, callback, nil, nil)
    }

    /// The plane distance from `point` to `box` (what the walk scores by).
    static func distance(from point: Point, to box: BoundingBox) -> Double {
        let dx = max(box.minX - point.x, 0, point.x - box.maxX), dy = max(box.minY - point.y, 0, point.y - box.maxY)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The MATCH argument list's SQL and values.
    static func arguments(point: Point, cut: Double, clips: [BoundingBox]?) -> (sql: String, values: StatementArguments) {
        var values: [Double] = [point.x, point.y, cut]
        for c in clips ?? [] { values += [c.minX, c.minY, c.maxX, c.maxY] }
        return ("\(function)(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")", StatementArguments(values))
    }
}

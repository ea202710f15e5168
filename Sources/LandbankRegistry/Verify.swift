import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// What `verify` found: each check with its result, and the problems, one line each.
public struct VerifyReport: Sendable, Encodable {
    public struct Check: Sendable, Encodable {
        public var name: String
        public var problems: [String]
        public var ok: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey { case name, ok, problems }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(ok, forKey: .ok)
            try c.encode(problems, forKey: .problems)
        }
    }

    public var checks: [Check]
    public var ok: Bool { checks.allSatisfy(\.ok) }
}

extension Registry {
    /// Checks that the registry is what landbank wrote: SQLite's integrity and foreign keys, each R*Tree's
    /// structure and that it indexes every feature, every stored area against its stored geometry (an edit
    /// made outside landbank, e.g. in QGIS, leaves stale areas and no history), GEOS validity, and every
    /// cached status against the one its history derives. At most `limit` problems are listed per check.
    public func verify(limit: Int = 20) throws -> VerifyReport {
        let toGeographic = try Transformation(from: crs, to: try crs.geodeticCRS())
        let ellipsoidal = EllipsoidalArea(try crs.ellipsoid())
        let geos = try GEOSContext()
        let projected = crs.kind == .projected
        return try db.read { db in
            var checks: [VerifyReport.Check] = []
            func add(_ name: String, _ problems: [String]) {
                checks.append(.init(name: name, problems: Array(problems.prefix(limit))
                    + (problems.count > limit ? ["… and \(problems.count - limit) more"] : [])))
            }
            add("SQLite integrity", try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" })
            add("foreign keys", try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "\($0[0] as String) row \($0[1] as Int64? ?? -1) → \($0[2] as String)" })
            for layer in Layer.allCases {
                let t = layer.rawValue
                var p = try String.fetchAll(db, sql: "SELECT rtreecheck('rtree_\(t)_geom')").filter { $0 != "ok" }
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0
                let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_\(t)_geom") ?? 0
                if rows != indexed { p.append("\(indexed) index entries for \(rows) \(t)") }
                add("spatial index of \(t)", p)
            }
            var areas: [String] = [], validity: [String] = []
            for layer in Layer.allCases {
                let (id, cad, ell) = layer == .parcels ? ("parcel_id", "cadastral_area_m2", "ellipsoidal_area_m2")
                    : ("building_id", "footprint_area_m2", "footprint_ellipsoidal_area_m2")
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(id), geom, \(cad), \(ell) FROM \(layer.rawValue)")
                while let row = try cursor.next() {
                    let name: String = row[0]
                    guard let g = try (row[1] as Data).withUnsafeBytes({ try GeoPackageBinary.decode($0).geometry }) else {
                        validity.append("\(name): empty geometry"); continue
                    }
                    do { try geos.validate(g) } catch { validity.append("\(name): \(error)") }
                    let storedCad: Double? = row[2], storedEll: Double = row[3]
                    let planar = projected ? PlanarArea.area(of: g) : nil
                    let geodesic = ellipsoidal.area(of: try toGeographic.transform(g))
                    if let p = planar, let s = storedCad, abs(p - s) > 1e-6 * max(1, p) {
                        areas.append(String(format: "%@: stored planar area %.4f m², its geometry measures %.4f m²", name, s, p))
                    }
                    if abs(geodesic - storedEll) > 1e-6 * max(1, geodesic) {
                        areas.append(String(format: "%@: stored ellipsoidal area %.4f m², its geometry measures %.4f m²", name, storedEll, geodesic))
                    }
                }
            }
            add("stored areas match geometries (edited outside landbank? use `landbank reshape`)", areas)
            add("geometries valid (GEOS)", validity)
            var statuses: [String] = []
            for kind in Subject.Kind.allCases {
                let rows = try Row.fetchAll(db, sql: "SELECT \(kind.idColumn), status FROM \(kind.table)")
                for r in rows {
                    let id: String = r[0]
                    let cached = (r[1] as String?).flatMap(ParcelStatus.init(rawValue:))
                    let derived = Self.derivedStatus(try Self.events(of: Subject(kind, id), in: db))
                    if cached != derived {
                        statuses.append("\(kind.rawValue) \(id): status \(cached?.rawValue ?? "none"), its history says \(derived?.rawValue ?? "none")")
                    }
                }
            }
            add("statuses follow the history", statuses)
            return VerifyReport(checks: checks)
        }
    }
}

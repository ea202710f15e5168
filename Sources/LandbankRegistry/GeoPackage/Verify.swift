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
    /// The features whose stored figures disagree with their geometry (what `verify --repair` measures again).
    var mismeasured: Set<Subject> = []
    public var ok: Bool { checks.allSatisfy(\.ok) }

    enum CodingKeys: String, CodingKey { case ok, checks }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(checks, forKey: .checks)
    }

    mutating func add(_ name: String, _ problems: [String], limit: Int) {
        checks.append(Check(name: name, problems: Array(problems.prefix(limit))
            + (problems.count > limit ? ["… and \(problems.count - limit) more"] : [])))
    }
}

extension GeoPackageStore {
    /// Verifies the registry file at `path`. A file too damaged to open as a registry still gets a report that
    /// says what is damaged (SQLite's integrity check), rather than an error.
    static func verify(at path: String, limit: Int = 20) throws -> VerifyReport {
        try StoreFailure.checkFile(path)
        var report = VerifyReport(checks: [])
        do {
            var c = Configuration()
            c.readonly = true
            let raw = try DatabaseQueue(path: path, configuration: c)
            let problems = try raw.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").filter { $0 != "ok" } }
            try raw.close()
            if !problems.isEmpty {
                report.add("SQLite integrity (the file is damaged: restore it from a backup)", problems, limit: limit)
                return report
            }
        } catch let e as DatabaseError {
            report.add("SQLite integrity (the file is damaged or not a registry: restore it from a backup)",
                       ["\(e.message ?? "SQLite error \(e.resultCode.rawValue)") (SQLite result code \(e.resultCode.rawValue))"]
                        + DamagedFile.diagnose(path), limit: max(limit, 50))
            return report
        }
        return try open(at: path, readOnly: true, busyLimit: BusyWait.defaultLimit, onWait: nil).verify(limit: limit)
    }

    /// Checks that the registry is what landbank wrote: SQLite's integrity and foreign keys, each R*Tree; every
    /// geometry readable, stored as landbank stores it and unchanged since landbank measured it; every stored
    /// figure (areas from geometry, mu from m², the planar/ellipsoidal ratio the projection allows); GEOS
    /// validity; the history's hash chain and the triggers that protect it; edits made outside landbank not yet
    /// recorded; every cached status against its (corrected) history; every history's feature. At most `limit`
    /// problems are listed per check.
    func verify(limit: Int = 20) throws -> VerifyReport {
        let measure = try Measurement(registry: self)
        return try db.read { db in
            var report = VerifyReport(checks: [])
            report.add("SQLite integrity", try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }, limit: limit)
            report.add("foreign keys", try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
                "\($0[0] as String) row \($0[1] as Int64? ?? -1) → \($0[2] as String)"
            }, limit: limit)
            for layer in Layer.allCases {
                let t = layer.rawValue
                var p = try String.fetchAll(db, sql: "SELECT rtreecheck('rtree_\(t)_geom')").filter { $0 != "ok" }
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0
                let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_\(t)_geom") ?? 0
                if rows != indexed { p.append("\(indexed) index entries for \(rows) \(t)") }
                if let site = SiteIndex.all.first(where: { $0.table == t }) { p += try Self.siteIndexProblems(db, site) }
                report.add("spatial index of \(t)", p, limit: limit)
            }
            report.add("zone extents", try ZoneExtents.problems(db), limit: limit)
            try Self.verifyGeometries(db, measure, &report, limit: limit)
            try Self.verifyHistory(db, path: path, &report, limit: limit)
            try Self.verifyProjects(db, &report, limit: limit)
            return report
        }
    }

    /// Measures again what `verify` finds mismeasured (stored areas, mu or digest that disagree with the
    /// geometry) and records every edit made outside landbank, in the history. Returns what it did.
    func repair() throws -> OutsideEditReport {
        let found = try verify(limit: 0)
        if !found.mismeasured.isEmpty {
            try write { db in
                for s in found.mismeasured {
                    try db.execute(sql: "UPDATE \(s.kind.table) SET geom_sha256 = NULL WHERE \(s.kind.idColumn) = ?", arguments: [s.id])
                }
            }
        }
        try write { db in
            for index in SiteIndex.all where try !Self.siteIndexProblems(db, index).isEmpty {
                try db.execute(sql: "DELETE FROM \(index.name)")
                try db.execute(sql: index.fill)
            }
            if try !ZoneExtents.problems(db).isEmpty { try ZoneExtents.fill(db) }
        }
        return try recordOutsideEdits()
    }

    /// The site index's own structure (`rtreecheck`) and whether it holds one entry per row.
    static func siteIndexProblems(_ db: Database, _ index: SiteIndex) throws -> [String] {
        var p = try String.fetchAll(db, sql: "SELECT rtreecheck('\(index.name)')").filter { $0 != "ok" }.map { "\(index.name): \($0)" }
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(index.table)") ?? 0
        let missing = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(index.table) t WHERE NOT EXISTS (SELECT 1 FROM \(index.name) s WHERE s.id = t.fid)
            """) ?? 0
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(index.name)") ?? 0
        if missing > 0 || indexed != rows { p.append("\(indexed) site index entries for \(rows) \(index.table), \(missing) rows without one") }
        return p
    }
}

/// What `verify` measures with: the registry CRS's `GeometryMeasure` (the import's own), GEOS, the srs_id.
struct Measurement {
    let measure: GeometryMeasure
    let geos: GEOSContext
    let srsID: Int32

    init(registry: GeoPackageStore) throws {
        measure = try GeometryMeasure(crs: try registry.crs)
        geos = try GEOSContext()
        srsID = registry.srsID
    }
}

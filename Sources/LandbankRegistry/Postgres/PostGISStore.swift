import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// The PostgreSQL + PostGIS store: a registry in one database (its `public` schema), for a city or a province
/// with many writers at once. The same records as the GeoPackage store (`PGSchema`), the same hash chains, the
/// same areas (landbank's, stored; PostGIS measures nothing).
///
/// Concurrency: a pool of libpq connections (`PGPool`); reads are REPEATABLE READ READ ONLY snapshots, writes
/// one transaction each under landbank's writer lock. Every field is immutable after `open` and the pool is
/// `Sendable`, so the store is shared freely between tasks, threads and processes.
final class PostGISStore: RegistryStore {
    let url: PGURL
    let pool: PGPool
    let crsDefinition: String
    let srsID: Int32
    let readOnly: Bool
    var outsideEdits: OutsideEditReport? { nil }

    /// The database as the user named it, password redacted: this is what errors and listings print.
    var location: String { url.redacted }

    private init(url: PGURL, pool: PGPool, crsDefinition: String, srsID: Int32, readOnly: Bool) {
        self.url = url
        self.pool = pool
        self.crsDefinition = crsDefinition
        self.srsID = srsID
        self.readOnly = readOnly
    }

    /// Creates the registry's tables in the (empty) database at `url`, with PostGIS and the CRS, in one transaction.
    static func create(at location: String, crs crsDefinition: String) throws {
        let url = PGURL(location)
        let crs = try ThreadGeodesy.current().crs(crsDefinition)
        guard let authority = crs.authority, let code = crs.code else {
            throw RegistryError(path: url.redacted, "CRS '\(crsDefinition)' has no authority code; use e.g. EPSG:4547")
        }
        let srid = Int32(code)
        let wkt = try crs.wkt1()
        let pool = PGPool(url)
        do {
            try pool.write { c in
                if try c.query("SELECT to_regclass('landbank_settings') IS NOT NULL AS there").first?["there"] == true {
                    throw RegistryError(path: url.redacted, kind: .output, "already holds a landbank registry; refusing to overwrite it")
                }
                try c.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                let known = try c.query("SELECT auth_name, auth_srid FROM spatial_ref_sys WHERE srid = $1", [srid]).first
                if known == nil {
                    try c.query("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext) VALUES ($1, $2, $3, $4)",
                                [srid, authority, srid, wkt])
                } else if (known?["auth_name"] as String?) != authority {
                    throw RegistryError(path: url.redacted, "the database's SRID \(srid) is \(known?["auth_name"] as String? ?? "?") \(srid), not \(authority):\(code)")
                }
                try c.execute("CREATE TABLE landbank_settings (key text PRIMARY KEY, value text NOT NULL)")
                try c.query("INSERT INTO landbank_settings (key, value) VALUES ('srs_id', $1), ('crs', $2)", [String(code), crs.identifier])
                try PGMigrations.migrate(c, srid: srid)
            }
        } catch let e as PGError { throw e.registryError }
    }

    /// Opens the registry at `url`, bringing its schema up to date when opened for writing.
    static func open(at location: String, readOnly: Bool) throws -> PostGISStore {
        let url = PGURL(location)
        let pool = PGPool(url)
        do {
            let settings = try pool.read { c -> [String: String] in
                guard try c.query("SELECT to_regclass('landbank_settings') IS NOT NULL AS there").first?["there"] == true else {
                    throw RegistryError(path: url.redacted, kind: .notARegistry,
                                        "not a landbank registry (no landbank_settings table; create one with `landbank init`)")
                }
                var out: [String: String] = [:]
                for r in try c.query("SELECT key, value FROM landbank_settings").rows {
                    if let k: String = r["key"], let v: String = r["value"] { out[k] = v }
                }
                return out
            }
            guard let crsText = settings["crs"], let srs = settings["srs_id"].flatMap(Int32.init) else {
                throw RegistryError(path: url.redacted, kind: .notARegistry, "not a landbank registry (no CRS in landbank_settings)")
            }
            _ = try ThreadGeodesy.current().crs(crsText)
            if !readOnly, try pool.read({ try PGMigrations.pending($0) }) {
                try pool.write { try PGMigrations.migrate($0, srid: srs) }
            }
            return PostGISStore(url: url, pool: pool, crsDefinition: crsText, srsID: srs, readOnly: readOnly)
        } catch let e as PGError { throw e.registryError }
    }

    func failure(_ error: Error) -> Error {
        (error as? PGError)?.registryError ?? error
    }

    /// The snapshot's xmax, the next transaction id to be assigned: every transaction that writes takes one, so
    /// it moves with every commit (and with rolled-back writes too, which only retires a cache needlessly).
    func changeStamp() throws -> Int64 {
        try mapped {
            try pool.read { c in
                try c.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS x").first?["x"] ?? 0
            }
        }
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try mapped { try pool.read { try body(PGAccess(c: $0, store: self)) } }
    }

    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        if readOnly { throw RegistryError(path: location, kind: .readOnly, "opened for reading only") }
        return try mapped { try pool.write { try body(PGAccess(c: $0, store: self)) } }
    }

    /// The registry CRS in the calling thread's PROJ context.
    var crs: CoordinateReferenceSystem {
        get throws { try ThreadGeodesy.current().crs(crsDefinition) }
    }

    /// A PostgreSQL registry has no edits made outside landbank to record: its triggers refuse history edits,
    /// and geometry is written by landbank only (`verify` reports a geometry that no longer matches its digest).
    func repair() throws -> OutsideEditReport {
        OutsideEditReport(measured: [], unmeasurable: [])
    }

    func staleSubjects(limit: Int) throws -> [Subject] {
        try mapped { try pool.read { try PGAccess(c: $0, store: self).staleSubjects(limit: limit) } }
    }
}

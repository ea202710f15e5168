import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

/// A landbank registry: one GeoPackage 1.3 file holding the parcel layer in one projected (or geographic) CRS.
///
/// Thread rule: a `Registry` owns a PROJ context and is used from one thread at a time.
public final class Registry {
    public let path: String
    let db: DatabaseQueue
    let proj: ProjContext
    public let crs: CoordinateReferenceSystem
    let srsID: Int32
    /// What opening for writing did about edits made outside landbank (nil when there were none).
    public internal(set) var outsideEdits: OutsideEditReport?

    /// The connection's settings. With `path` (the registry as the user named it), a wait for another process
    /// is reported to `onWait` and a write leaves a `WriterNote` for others to read.
    static func configuration(readOnly: Bool = false, path: String? = nil, busyLimit: TimeInterval = BusyWait.defaultLimit,
                              onWait: (@Sendable (RegistryWait) -> Void)? = nil) -> Configuration {
        var c = Configuration()
        c.readonly = readOnly
        c.foreignKeysEnabled = true
        // Another process writing (a long import, a colleague's `record`) makes this one wait, not fail: up to
        // 30 s in all, saying so after 1 s.
        let wait = BusyWait(path: path ?? "the registry", limit: busyLimit, onWait: onWait)
        c.busyMode = .callback { wait.retry($0) }
        let note = path.map { WriterNote(pid: getpid(), command: WriterNote.currentCommand(registry: $0), started: Date()) }
        c.prepareDatabase { db in
            SpatialFunctions.register(db)
            // 64 MiB of page cache: enough for the R*Tree's working set, bounded so imports stay small.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            if let path, let note, !readOnly {
                db.add(transactionObserver: WriterNoteObserver(registry: path, note: note), extent: .databaseLifetime)
            }
        }
        return c
    }

    /// Creates a new registry at `path` in the CRS `crsDefinition` (e.g. "EPSG:4547").
    /// The file is built under a temporary name and renamed into place, so a crash leaves no half-made registry.
    public static func create(at path: String, crs crsDefinition: String) throws -> Registry {
        try createFile(at: path, crs: crsDefinition)
        return try open(at: path)
    }

    /// Creates the registry file with the schema up to `migration` (all of it by default; tests of upgrades
    /// make files as earlier versions of landbank did).
    static func createFile(at path: String, crs crsDefinition: String, upTo migration: String? = nil) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw RegistryError(path: path, kind: .output, "already exists; refusing to overwrite a registry")
        }
        let proj = try ProjContext()
        let crs = try CoordinateReferenceSystem(crsDefinition, context: proj)
        guard let authority = crs.authority, let code = crs.code else {
            throw RegistryError(path: path, "CRS '\(crsDefinition)' has no authority code; use e.g. EPSG:4547")
        }
        let wkt = try crs.wkt1()
        let temp = path + ".creating"
        // What a killed `init` left; its journal too, or SQLite would roll it back into the new file.
        try? fm.removeItem(atPath: temp)
        try? fm.removeItem(atPath: temp + "-journal")
        do {
            let queue = try DatabaseQueue(path: temp, configuration: configuration())
            let migrator = Migrations.migrator
            try migrator.migrate(queue, upTo: Migrations.core)
            try queue.write { db in
                if code != 4326 || authority != "EPSG" {
                    try db.execute(sql: """
                        INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [crs.name, code, authority, code, wkt, crs.areaOfUseName])
                }
                try db.execute(sql: "INSERT INTO landbank_settings (key, value) VALUES ('srs_id', ?), ('crs', ?)",
                               arguments: [String(code), crs.identifier])
            }
            if let migration { try migrator.migrate(queue, upTo: migration) } else { try migrator.migrate(queue) }
            try queue.close()
            guard rename(temp, path) == 0 else {
                throw RegistryError(path: path, "cannot move the new registry into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fm.removeItem(atPath: temp)
            try? fm.removeItem(atPath: temp + "-journal")
            throw StoreFailure.map(error, path: path)
        }
    }

    /// Opens an existing registry and brings its schema up to date. `onWait` hears (once per wait, after 1 s)
    /// that another process holds the file; the wait lasts up to 30 s, then the call throws a `.busy` error.
    /// SQLite's failures (busy, read-only, damaged, not a registry, disk full…) throw one-line `RegistryError`s.
    public static func open(at path: String, readOnly: Bool = false,
                            onWait: (@Sendable (RegistryWait) -> Void)? = nil) throws -> Registry {
        try open(at: path, readOnly: readOnly, busyLimit: BusyWait.defaultLimit, onWait: onWait)
    }

    /// `open`, waiting at most `busyLimit` seconds for another process (tests use a short wait).
    static func open(at path: String, readOnly: Bool, busyLimit: TimeInterval,
                     onWait: (@Sendable (RegistryWait) -> Void)?) throws -> Registry {
        func failure(_ error: Error) -> Error { StoreFailure.map(error, path: path, busyLimit: busyLimit) }
        try StoreFailure.checkFile(path)
        Leftovers.clean(registry: path)
        let queue: DatabaseQueue
        let settings: [String: String]
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: readOnly, path: path, busyLimit: busyLimit,
                                                                               onWait: onWait))
            settings = try queue.read { db in
                guard try db.tableExists("landbank_settings") else { return [:] }
                return try Dictionary(uniqueKeysWithValues:
                    Row.fetchAll(db, sql: "SELECT key, value FROM landbank_settings").map { ($0["key"], $0["value"]) })
            }
        } catch {
            throw failure(error)
        }
        guard let crsText = settings["crs"], let srs = settings["srs_id"].flatMap(Int32.init) else {
            throw RegistryError(path: path, kind: .notARegistry, "not a landbank registry (no landbank_settings table)")
        }
        if !readOnly {
            do { try Migrations.migrator.migrate(queue) } catch { throw failure(error) }
        }
        if readOnly, try !queue.read({ try Migrations.migrator.hasCompletedMigrations($0) }) {
            // A registry made by an earlier landbank: bring its schema up to date once, then read.
            do {
                let writable = try DatabaseQueue(path: path, configuration: configuration(path: path, busyLimit: busyLimit, onWait: onWait))
                try Migrations.migrator.migrate(writable)
                try writable.close()
            } catch { throw failure(error) }
        }
        let proj = try ProjContext()
        let crs = try CoordinateReferenceSystem(crsText, context: proj)
        let registry = Registry(path: path, db: queue, proj: proj, crs: crs, srsID: srs)
        if !readOnly, try registry.hasOutsideEdits() { registry.outsideEdits = try registry.recordOutsideEdits() }
        return registry
    }

    /// Whether edits made outside landbank wait to be recorded: stale geometries or unsealed history rows.
    func hasOutsideEdits() throws -> Bool {
        try db.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM parcels WHERE geom_sha256 IS NULL)
                    OR EXISTS (SELECT 1 FROM buildings WHERE geom_sha256 IS NULL)
                    OR EXISTS (SELECT 1 FROM events WHERE hash IS NULL)
                """) ?? false
        }
    }

    init(path: String, db: DatabaseQueue, proj: ProjContext, crs: CoordinateReferenceSystem, srsID: Int32) {
        self.path = path
        self.db = db
        self.proj = proj
        self.crs = crs
        self.srsID = srsID
    }

    /// A CRS in this registry's PROJ context (for import and export).
    public func makeCRS(_ definition: String) throws -> CoordinateReferenceSystem {
        try CoordinateReferenceSystem(definition, context: proj)
    }

    public var parcelCount: Int {
        get throws { try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM parcels") ?? 0 } }
    }
}

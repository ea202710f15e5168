import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry

/// The GeoPackage store: one GeoPackage 1.3 file holding the parcel layer in one projected (or geographic) CRS.
///
/// Concurrency: SQLite in WAL mode through a GRDB `DatabasePool` — one writer at a time, and a pool of readers
/// that see the last committed state and never wait for the writer. Every field is immutable after `open`,
/// and `DatabasePool` is itself `Sendable`, so the store is shared freely between tasks and threads.
final class GeoPackageStore: RegistryStore {
    let path: String
    let db: DatabasePool
    let crsDefinition: String
    let srsID: Int32
    let outsideEdits: OutsideEditReport?
    /// Opened for reading only: `write` refuses.
    let readOnly: Bool
    private let changes = ChangeWatch()
    /// Site searches that found nothing, while the file is unchanged.
    let emptySites = EmptySiteCache()
    /// Turns for the write lock among landbank processes (see `WriterQueue`).
    let queue: WriterQueue

    var location: String { path }

    /// The connection's settings. With `path` (the registry as the user named it), a wait for another process
    /// is reported to `onWait` and a write leaves a `WriterNote` for others to read.
    static func configuration(readOnly: Bool = false, path: String? = nil, busyLimit: TimeInterval = BusyWait.defaultLimit,
                              onWait: (@Sendable (RegistryWait) -> Void)? = nil) -> Configuration {
        var c = Configuration()
        c.readonly = readOnly
        c.foreignKeysEnabled = true
        // Readers at once while a writer works (the HTTP face and concurrent matching read through these).
        c.maximumReaderCount = 8
        // Another process writing (a long import, a colleague's `record`) makes this one wait, not fail: up to
        // 30 s in all, saying so after 1 s.
        let wait = BusyWait(path: path ?? "the registry", limit: busyLimit, onWait: onWait)
        c.busyMode = .callback { wait.retry($0) }
        let note = path.map { WriterNote(pid: getpid(), command: WriterNote.currentCommand(registry: $0), started: Date()) }
        c.prepareDatabase { db in
            SpatialFunctions.register(db)
            NearestWalk.register(db)
            try db.execute(sql: "PRAGMA cache_size = -\(PageCache.connectionKiB)")
            // Readers map the file (up to `PageCache.readerMapBytes`) instead of copying each page they read from
            // the kernel's cache: a site search reads a few hundred pages. The writer and imports do not (an
            // import's peak memory would count the pages its index scan maps).
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = \(PageCache.readerMapBytes)") }
            // Only the pool's writer connection notes who writes (readers are opened read-only by the pool).
            if let path, let note, !readOnly, !db.configuration.readonly {
                db.add(transactionObserver: WriterNoteObserver(registry: path, note: note), extent: .databaseLifetime)
            }
        }
        return c
    }

    /// Creates the registry file with the schema up to `migration` (all of it by default; tests of upgrades
    /// make files as earlier versions of landbank did).
    static func createFile(at path: String, crs crsDefinition: String, upTo migration: String? = nil) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw RegistryError(path: path, kind: .output, "already exists; refusing to overwrite a registry")
        }
        let crs = try ThreadGeodesy.current().crs(crsDefinition)
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
            // WAL (persistent in the file header): readers never wait for the writer. On the last close SQLite
            // folds the -wal file back in and removes it, so a registry at rest is one file.
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
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

    /// Opens an existing registry file and brings its schema up to date (see `Registry.open`).
    static func open(at path: String, readOnly: Bool, busyLimit: TimeInterval,
                     onWait: (@Sendable (RegistryWait) -> Void)?) throws -> GeoPackageStore {
        func failure(_ error: Error) -> Error { StoreFailure.map(error, path: path, busyLimit: busyLimit) }
        try StoreFailure.checkFile(path)
        Leftovers.clean(registry: path)
        let settings: [String: String]
        do {
            // A registry made by an earlier landbank (rollback journal) or not yet migrated: bring it to WAL and
            // the current schema once through a single connection, then open the pool.
            let needsUpgrade = try Self.needsUpgrade(path: path, busyLimit: busyLimit, onWait: onWait)
            if needsUpgrade.notARegistry {
                throw RegistryError(path: path, kind: .notARegistry, "not a landbank registry (no landbank_settings table)")
            }
            if needsUpgrade.schema || (needsUpgrade.journal && !readOnly) {
                let writable = try DatabaseQueue(path: path, configuration: configuration(path: path, busyLimit: busyLimit, onWait: onWait))
                try Migrations.migrator.migrate(writable)
                try writable.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
                try writable.close()
            }
            settings = try Self.settings(path: path, busyLimit: busyLimit, onWait: onWait)
        } catch {
            throw failure(error)
        }
        guard let crsText = settings["crs"], let srs = settings["srs_id"].flatMap(Int32.init) else {
            throw RegistryError(path: path, kind: .notARegistry, "not a landbank registry (no landbank_settings table)")
        }
        _ = try ThreadGeodesy.current().crs(crsText)
        let pool: DatabasePool
        do {
            if readOnly && !Self.writable(path) {
                // A read-only disk or mount: SQLite cannot make the WAL's shared-memory file, so the file is read
                // as immutable (no one can write it there either).
                pool = try DatabasePool(path: Self.immutableURI(path), configuration: configuration(readOnly: true, path: path,
                                                                                                   busyLimit: busyLimit, onWait: onWait))
            } else {
                // Reading: a read-only pool, which never takes the write lock, so it never waits for a writer.
                pool = try DatabasePool(path: path, configuration: configuration(readOnly: readOnly, path: path, busyLimit: busyLimit,
                                                                                 onWait: onWait))
            }
        } catch { throw failure(error) }
        let probe = GeoPackageStore(path: path, db: pool, crsDefinition: crsText, srsID: srs, outsideEdits: nil, readOnly: readOnly,
                                    busyLimit: busyLimit, onWait: onWait)
        guard !readOnly, try probe.hasOutsideEdits() else { return probe }
        return GeoPackageStore(path: path, db: pool, crsDefinition: crsText, srsID: srs, outsideEdits: try probe.recordOutsideEdits(),
                               readOnly: false, busyLimit: busyLimit, onWait: onWait)
    }

    /// Whether the file still needs its schema migrated, or its journal switched to WAL; and whether it is a
    /// registry at all. Read through one short-lived connection.
    private static func needsUpgrade(path: String, busyLimit: TimeInterval, onWait: (@Sendable (RegistryWait) -> Void)?) throws
        -> (schema: Bool, journal: Bool, notARegistry: Bool) {
        let queue = try DatabaseQueue(path: writable(path) ? path : immutableURI(path),
                                      configuration: configuration(readOnly: true, path: path, busyLimit: busyLimit, onWait: onWait))
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("landbank_settings") else { return (false, false, true) }
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            return (try !Migrations.migrator.hasCompletedMigrations(db), mode.lowercased() != "wal", false)
        }
    }

    private static func settings(path: String, busyLimit: TimeInterval, onWait: (@Sendable (RegistryWait) -> Void)?) throws -> [String: String] {
        let queue = try DatabaseQueue(path: writable(path) ? path : immutableURI(path),
                                      configuration: configuration(readOnly: true, path: path, busyLimit: busyLimit, onWait: onWait))
        defer { try? queue.close() }
        return try queue.read { db in
            try Dictionary(Row.fetchAll(db, sql: "SELECT key, value FROM landbank_settings").map { ($0["key"], $0["value"]) },
                           uniquingKeysWith: { a, _ in a })
        }
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

    deinit {
        // A reading process leaves -wal and -shm behind (read-only connections never remove them): fold them
        // back once its own connections are closed, so that a registry at rest is one file.
        if readOnly, Self.writable(path) {
            try? db.close()
            Leftovers.foldWAL(path)
        }
        if !readOnly { WriterQueue.removeIfIdle(registry: path) }
    }

    /// Whether this process may write the file and the directory beside it (where SQLite keeps -wal and -shm).
    static func writable(_ path: String) -> Bool {
        access(path, W_OK) == 0 && access((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, W_OK) == 0
    }

    /// An SQLite URI opening `path` as immutable (read-only media).
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    init(path: String, db: DatabasePool, crsDefinition: String, srsID: Int32, outsideEdits: OutsideEditReport?, readOnly: Bool,
         busyLimit: TimeInterval = BusyWait.defaultLimit, onWait: (@Sendable (RegistryWait) -> Void)? = nil) {
        self.readOnly = readOnly
        self.queue = WriterQueue(registry: path, limit: busyLimit, onWait: onWait)
        self.path = path
        self.db = db
        self.crsDefinition = crsDefinition
        self.srsID = srsID
        self.outsideEdits = outsideEdits
    }

    func failure(_ error: Error) -> Error {
        StoreFailure.map(error, path: path)
    }

    func changeStamp() throws -> Int64 {
        try changes.stamp(path: path)
    }

    /// The registry CRS in the calling thread's PROJ context (built once at `open`, so it builds again).
    var crs: CoordinateReferenceSystem {
        get throws { try ThreadGeodesy.current().crs(crsDefinition) }
    }
}

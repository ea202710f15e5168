import Foundation
import LandbankGeodesy
import LandbankGeometry

/// A landbank registry: the parcels, buildings, history and contracts of a zone or bureau, with landbank's rules.
///
/// `Registry` is store-agnostic: it applies the rules (lifecycle, corrections, contracts, sums and reports)
/// over a `RegistryStore`, which keeps the records. Today the store is a GeoPackage file (`GeoPackage/`).
///
/// Concurrency: a `Registry` is `Sendable` and may be called from many tasks and threads at once. Reads run
/// on a pool of connections that never wait for the writer; writes are serialised, each one transaction.
/// PROJ objects are per thread (`ThreadGeodesy`): `crs` and `makeCRS` return the calling thread's.
public final class Registry: Sendable {
    let store: any RegistryStore
    /// The tokens checked while the registry stays unchanged (a server checks one on every request).
    let checkedTokens = CheckedTokens()

    init(store: any RegistryStore) {
        self.store = store
    }

    /// Where the registry lives, as the user named it.
    public var path: String { store.location }

    /// What opening for writing did about edits made outside landbank (nil when there were none).
    public var outsideEdits: OutsideEditReport? { store.outsideEdits }

    /// Creates a new registry at `path` in the CRS `crsDefinition` (e.g. "EPSG:4547").
    /// The file is built under a temporary name and renamed into place, so a crash leaves no half-made registry.
    /// A PostgreSQL URL (scheme `postgresql` or `postgres`) creates it in that PostgreSQL + PostGIS database, in one
    /// transaction.
    public static func create(at path: String, crs crsDefinition: String) throws -> Registry {
        if PGURL.isPostgres(path) {
            try PostGISStore.create(at: path, crs: crsDefinition)
        } else {
            try GeoPackageStore.createFile(at: path, crs: crsDefinition)
        }
        return try open(at: path)
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
        // The one place a store is chosen: a PostgreSQL URL, or a GeoPackage file.
        if PGURL.isPostgres(path) { return Registry(store: try PostGISStore.open(at: path, readOnly: readOnly)) }
        return Registry(store: try GeoPackageStore.open(at: path, readOnly: readOnly, busyLimit: busyLimit, onWait: onWait))
    }

    /// The registry CRS, in the calling thread's PROJ context.
    public var crs: CoordinateReferenceSystem {
        do {
            return try ThreadGeodesy.current().crs(store.crsDefinition)
        } catch {
            // `open` built this CRS from the same definition; failing now means PROJ lost its database (proj.db)
            // under a running process, which no caller can recover from.
            fatalError("PROJ cannot build \(store.crsDefinition) again: \(error)")
        }
    }

    /// A CRS in the calling thread's PROJ context (for import and export).
    public func makeCRS(_ definition: String) throws -> CoordinateReferenceSystem {
        try ThreadGeodesy.current().crs(definition)
    }

    /// The transformation between two CRS definitions, cached per thread and pair.
    func transformation(from source: String, to target: String) throws -> Transformation {
        try ThreadGeodesy.current().transformation(from: source, to: target)
    }

    public var parcelCount: Int {
        get throws { try store.read { try $0.parcelCount() } }
    }
}

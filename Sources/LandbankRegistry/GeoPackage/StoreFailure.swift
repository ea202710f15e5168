import Foundation
import GRDB

/// SQLite's failures of the registry file, as one-line `RegistryError`s that name the file and say what to do.
/// The one place that reads SQLite's result codes for the store; errors it does not know pass through unchanged.
enum StoreFailure {
    /// Checks what can be told before SQLite opens the file (SQLite would say only "unable to open").
    static func checkFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw RegistryError(path: path, kind: .notARegistry, "no such registry (create one with `landbank init`)") }
            throw RegistryError(path: path, kind: .io, "cannot look at it: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw RegistryError(path: path, kind: .notARegistry, "is a directory, not a registry; give the .gpkg file inside it")
        }
        if info.st_mode & S_IFMT != S_IFREG {
            throw RegistryError(path: path, kind: .notARegistry, "is not a regular file, so not a registry")
        }
    }

    /// `error` as the registry's failure when it is one of SQLite's store failures, else `error` itself.
    static func map(_ error: Error, path: String, busyLimit: TimeInterval = BusyWait.defaultLimit) -> Error {
        guard let e = error as? DatabaseError else { return error }
        let sqlite = e.message ?? "\(e.resultCode)"
        func failure(_ kind: RegistryError.Kind, _ message: String) -> RegistryError {
            RegistryError(path: path, kind: kind, message)
        }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let who = WriterNote.read(for: path).map { "being written by another landbank process (\($0.summary))" }
                ?? "in use by another process (a landbank command, QGIS or an SQLite tool)"
            return failure(.busy, "\(who) for over \(Int(busyLimit)) s; try again when it finishes")
        case .SQLITE_READONLY:
            return failure(.readOnly, "is read-only here (file permissions, or a read-only disk or mount); this command writes, "
                + "so it needs write access to the file and its directory — or work on a copy")
        case .SQLITE_CANTOPEN where !GeoPackageStore.writable(path):
            return failure(.readOnly, "is read-only here (file permissions, or a read-only disk or mount); this command writes, "
                + "so it needs write access to the file and its directory — or work on a copy")
        case .SQLITE_CANTOPEN:
            return failure(.readOnly, "cannot be opened for writing (SQLite: \(sqlite)); check that you may write the file and "
                + "its directory, where SQLite keeps its journal")
        case .SQLITE_CORRUPT:
            return failure(.damaged, "is damaged (SQLite: \(sqlite)); run `landbank verify \(path)` and restore it from a backup")
        case .SQLITE_NOTADB:
            return failure(.notARegistry, "not a SQLite file, so not a registry (create one with `landbank init`)")
        case .SQLITE_FULL:
            return failure(.diskFull, "the disk is full (or a quota is reached); nothing was changed — free some space and try again")
        case .SQLITE_IOERR:
            // SQLite keeps the errno to itself; a failed write under a file-size limit is EFBIG (SIGXFSZ ignored).
            if e.extendedResultCode == .SQLITE_IOERR_WRITE, let limit = fileSizeLimit() {
                return failure(.fileTooLarge, "cannot grow past this process's file-size limit (ulimit -f, \(limit) bytes); "
                    + "nothing was changed — raise the limit and try again")
            }
            return failure(.io, "input/output error (SQLite: \(sqlite)); check the disk, then run `landbank verify \(path)`")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return failure(.readOnly, "access denied (SQLite: \(sqlite))")
        default:
            return error
        }
    }

    /// The soft RLIMIT_FSIZE in bytes, or nil when unlimited (RLIM_INFINITY, all ones, which Swift cannot import).
    static func fileSizeLimit() -> UInt64? {
        var r = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
        let resource = RLIMIT_FSIZE
        #endif
        guard getrlimit(resource, &r) == 0, r.rlim_cur != rlim_t.max else { return nil }
        return UInt64(r.rlim_cur)
    }
}

extension Registry {
    /// `error` as a one-line `RegistryError` naming the registry at `path` when it is one of SQLite's store
    /// failures (busy, read-only, damaged, disk full, file-size limit, I/O), else `error` unchanged. Faces call
    /// it on what a registry call threw, so that no SQLite message reaches a clerk.
    public static func storeFailure(_ error: Error, registry path: String) -> Error {
        StoreFailure.map(error, path: path)
    }

    /// Runs `body` (a registry read or write), turning SQLite's store failures into `RegistryError`s.
    func mappingStoreFailures<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw StoreFailure.map(error, path: path) }
    }
}

import Foundation

/// A failure reported by libpq or the server: its SQLSTATE and message. It never leaves the PostGIS store:
/// `PGError.registryError` turns it into a `RegistryError`, which names the database by its redacted URL.
struct PGError: Error, CustomStringConvertible {
    let url: PGURL
    let sqlState: String?
    let message: String

    init(url: PGURL, sqlState: String?, message: String) {
        self.url = url
        self.sqlState = sqlState
        // Scrubbed once, here: no path to a printed message skips it.
        self.message = url.scrub(message.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: "; "))
    }

    var description: String { "\(url.redacted): \(message)" }

    /// A serialization failure or deadlock: the transaction may succeed when run again.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    var registryError: RegistryError {
        let kind: RegistryError.Kind
        switch sqlState ?? "" {
        case "40001", "40P01", "23505", "55P03": kind = .conflict
        case "53100": kind = .diskFull
        case "25006", "42501", "28P01", "28000": kind = .readOnly
        case "42P01", "3D000": kind = .notARegistry
        case "22023", "22P02", "23502", "23503", "23514": kind = .invalidArgument
        case "P0001": kind = .conflict
        case let s where s.hasPrefix("08") || s.hasPrefix("57") || s.hasPrefix("58"): kind = .io
        default: kind = .other
        }
        let what = kind == .conflict && isRetryable
            ? "another writer changed the same records at the same time (tried again, still conflicting): \(message)"
            : message
        return RegistryError(path: url.redacted, kind: kind, what)
    }
}

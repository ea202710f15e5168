/// Errors of the registry itself (as opposed to bad input features, which are `ImportError`s): one line naming
/// the file and saying what to do. `kind` lets a face choose an exit code or an HTTP status without parsing text.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Another process holds the registry past the wait.
        case busy
        /// The file (or its directory, where SQLite keeps its journal) cannot be written.
        case readOnly
        /// No file, a directory, a file that is not SQLite, or a SQLite file that is not a landbank registry.
        case notARegistry
        /// SQLite found the file damaged or truncated.
        case damaged
        /// The disk (or the quota) is full.
        case diskFull
        /// The file would pass the process's file-size limit (RLIMIT_FSIZE, `ulimit -f`).
        case fileTooLarge
        /// Any other input/output failure of the file system.
        case io
        /// An export's output that may not be written over, or cannot be written.
        case output
        /// A value outside what the registry accepts (e.g. decimals).
        case invalidArgument
        /// No such parcel, building or event.
        case notFound
        /// Refused because of what is already there.
        case conflict
        /// Everything else: a CRS without a code…
        case other
    }

    public var path: String
    public var kind: Kind
    public var message: String

    public init(path: String, kind: Kind = .other, _ message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

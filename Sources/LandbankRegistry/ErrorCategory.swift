import LandbankGeodesy
import LandbankGeometry

/// What kind of failure an error is, for a face to choose an exit code or an HTTP status without parsing text.
/// Every error the library throws is a `CategorizedError`; GRDB's `DatabaseError` is mapped at the store's edge
/// (`StoreFailure`) and never reaches a face.
public enum ErrorCategory: String, Sendable, CaseIterable {
    /// Bad input: a file, feature, row or value the registry does not accept (HTTP 400/422).
    case invalidInput = "invalid_input"
    /// No such parcel, building, event or file (HTTP 404).
    case notFound = "not_found"
    /// Refused because of what is already there: a duplicate id, a change the lifecycle does not allow (HTTP 409).
    case conflict
    /// Another process holds the registry past the wait; try again (HTTP 503).
    case busy
    /// The file is not a landbank registry (HTTP 500 for a server's own registry).
    case notARegistry = "not_a_registry"
    /// SQLite found the file damaged (HTTP 500).
    case corrupt
    /// The registry cannot be written: permissions, a read-only medium (HTTP 500).
    case readOnly = "read_only"
    /// The disk is full, the file-size limit reached, or another input/output failure (HTTP 507/500).
    case storage
    /// Anything else.
    case other
}

public protocol CategorizedError: Error {
    var category: ErrorCategory { get }
}

extension RegistryError: CategorizedError {
    public var category: ErrorCategory {
        switch kind {
        case .busy: .busy
        case .readOnly: .readOnly
        case .notARegistry: .notARegistry
        case .damaged: .corrupt
        case .diskFull, .fileTooLarge, .io: .storage
        case .output, .invalidArgument: .invalidInput
        case .notFound: .notFound
        case .conflict: .conflict
        case .other: .other
        }
    }
}

extension ImportError: CategorizedError {
    public var category: ErrorCategory {
        if case .duplicateID(_, let first) = reason, first == nil { return .conflict }
        return .invalidInput
    }
}

extension LifecycleError: CategorizedError {
    public var category: ErrorCategory { notFound ? .notFound : .conflict }
}

extension ProjError: CategorizedError {
    public var category: ErrorCategory { .invalidInput }
}

extension GeometryError: CategorizedError {
    public var category: ErrorCategory { .invalidInput }
}

extension TransformError: CategorizedError {
    public var category: ErrorCategory { .invalidInput }
}

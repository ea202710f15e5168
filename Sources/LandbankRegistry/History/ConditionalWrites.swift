import LandbankLifecycle

/// A write refused because what it would change moved on since the writer looked: the version the writer read
/// (`expected`) is no longer the current one. The server answers it with 409 and the current version.
public struct VersionConflict: Error, CategorizedError, CustomStringConvertible, Sendable, Equatable {
    /// What changed: "parcel XYGX-2023-001", "project GY-2025-001".
    public var subject: String
    public var expected: Int64
    public var current: Int64

    public var category: ErrorCategory { .conflict }
    public var description: String {
        "\(subject) changed since version \(expected); its current version is \(current): look at it and try again"
    }
}

/// Conditional writes: a write that happens only if its subject is still at the version the writer read.
///
/// A version is the id of the newest event in the subject's append-only history (0 before any): every change
/// to a parcel, building or project appends an event, so a new event means a new version. The check runs inside
/// the write's own transaction, which the store serialises against every other writer — other threads, other
/// `Registry` values and other processes on the same file — so nothing can be written between the check and the
/// write.
extension Registry {
    /// A parcel's or building's version; nil when there is no such subject.
    public func version(of subject: Subject) throws -> Int64? {
        try store.read { try Self.version(of: subject, in: $0) }
    }

    /// A project's version (its history's newest event); nil when there is no such project.
    public func projectVersion(id: String) throws -> Int64? {
        try store.read { try Self.projectVersion(id: id, in: $0) }
    }

    /// `record`, only if the subject is still at `expectedVersion`; otherwise throws `VersionConflict` carrying the
    /// current version, and writes nothing.
    @discardableResult
    public func record(_ event: NewEvent, expectedVersion: Int64) throws -> HistoryEvent {
        try store.write { w in
            let s = event.subject
            guard let current = try Self.version(of: s, in: w) else {
                throw LifecycleError(s, "no such \(s.kind.rawValue) in the registry", notFound: true)
            }
            guard current == expectedVersion else {
                throw VersionConflict(subject: "\(s.kind.rawValue) \(s.id)", expected: expectedVersion, current: current)
            }
            return try Self.append(event, kind: event.corrects == nil ? .status : .correction, in: w)
        }
    }

    /// `recordStage`, only if the project is still at `expectedVersion` (else `VersionConflict`, nothing written).
    @discardableResult
    public func recordStage(_ e: NewProjectEvent, expectedVersion: Int64) throws -> ProjectEvent {
        try store.write { w in
            try Self.requireProject(e.projectID, at: expectedVersion, in: w)
            return try Self.appendStage(e, in: w)
        }
    }

    static func version(of s: Subject, in r: any StoreReader) throws -> Int64? {
        guard try r.subjectExists(s) else { return nil }
        return try r.events(of: s).map(\.id).max() ?? 0
    }

    static func projectVersion(id: String, in r: any StoreReader) throws -> Int64? {
        guard try !r.projects(id: id).isEmpty else { return nil }
        return try r.lastProjectEventID(of: id) ?? 0
    }

    /// Throws unless the project exists and is at `expected`; call inside the write that depends on it.
    static func requireProject(_ id: String, at expected: Int64, in w: any StoreWriter) throws {
        guard let current = try projectVersion(id: id, in: w) else {
            throw ProjectError(id, "no such project in the registry", .notFound)
        }
        guard current == expected else { throw VersionConflict(subject: "project \(id)", expected: expected, current: current) }
    }
}

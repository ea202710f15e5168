/// What a history event is about: a parcel (宗地) or a building (厂房), by its id.
public struct Subject: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Codable, Sendable { case parcel, building }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind.rawValue) \(id)" }
}

/// What an event records.
public enum EventKind: String, CaseIterable, Codable, Sendable {
    /// The status the subject had when it entered the registry (import).
    case registered
    /// A change of status, e.g. idle → under recovery.
    case status
    /// Restates what an earlier, mistaken event should have said, at that event's place in time; the corrected
    /// sequence obeys the same transitions as `record`.
    case correction
    /// The geometry was replaced; the previous one is kept in geometry_history.
    case geometry
    /// The supply contract's facts changed (recorded in the note).
    case contract
    /// A change made outside landbank (QGIS, GDAL, any SQL tool) and captured by the registry's own triggers:
    /// a geometry edited or a feature deleted. The previous geometry is kept in geometry_history.
    case outsideEdit = "outside_edit"
    /// 低效用地认定 — the parcel confirmed as inefficient land (a grade, a plot ratio…; the basis in
    /// `legal_basis`). A mark beside the status, not a status: it blocks no transition and changes no total.
    case inefficient
    /// The inefficient-land mark lifted (the firm improved, the land was disposed of), with its basis.
    case inefficientLifted = "inefficient_lifted"
    /// A descriptive field changed by a re-delivered ledger (`import --update`): name, zone, land use, a
    /// building's figures, a property; the field, old → new and the file in the note. Changes no status.
    case attributes

    /// Events that state a status of their own (a correction restates its target's instead).
    public var statesStatus: Bool { self == .registered || self == .status }
}

/// The building's structure (结构).
public enum BuildingStructure: String, CaseIterable, Codable, Sendable {
    case steel
    case concrete
    case brickConcrete = "brick_concrete"
    case other
}

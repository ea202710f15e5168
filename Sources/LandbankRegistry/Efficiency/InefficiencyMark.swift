import LandbankLifecycle

/// The inefficient-land mark (低效用地认定): an event in the parcel's append-only history, beside its status.
///
/// Why a mark and not the `inefficient` status: a firm graded D still holds its land under its contract (its
/// status stays `assigned`, and idle land stays `idle`); the mark must neither block the lifecycle's transitions
/// nor move the parcel between the status totals of `stats` and `report`. The history keeps who confirmed it,
/// when, and on what basis (grade, year, policy), and its lifting likewise.
extension Registry {
    /// Marks a parcel as inefficient land, with its basis (e.g. "grade D 2024, policy 新余高新区…").
    @discardableResult
    public func markInefficient(parcelID: String, date: CivilDate, basis: String, recordedBy: String, note: String? = nil,
                                expectedVersion: Int64? = nil) throws -> HistoryEvent {
        try changeMark(parcelID: parcelID, to: .inefficient, date: date, basis: basis, recordedBy: recordedBy, note: note,
                       expectedVersion: expectedVersion)
    }

    /// Lifts the mark (the firm improved, the land was disposed of), with its basis.
    @discardableResult
    public func liftInefficient(parcelID: String, date: CivilDate, basis: String, recordedBy: String, note: String? = nil,
                                expectedVersion: Int64? = nil) throws -> HistoryEvent {
        try changeMark(parcelID: parcelID, to: .inefficientLifted, date: date, basis: basis, recordedBy: recordedBy, note: note,
                       expectedVersion: expectedVersion)
    }

    /// With `expectedVersion`, only if the parcel is still at that version (checked inside the write, as
    /// `record(_:expectedVersion:)` does); otherwise `VersionConflict`, nothing written.
    private func changeMark(parcelID: String, to kind: EventKind, date: CivilDate, basis: String, recordedBy: String,
                            note: String?, expectedVersion: Int64?) throws -> HistoryEvent {
        let s = Subject(.parcel, parcelID)
        guard !basis.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LifecycleError(s, "say on what basis (--basis, e.g. \"grade D 2024, policy …\")")
        }
        return try store.write { w in
            guard try w.subjectExists(s) else { throw LifecycleError(s, "no such parcel in the registry", notFound: true) }
            if let expectedVersion, let current = try Self.version(of: s, in: w), current != expectedVersion {
                throw VersionConflict(subject: "parcel \(parcelID)", expected: expectedVersion, current: current)
            }
            let last = Self.lastMark(try w.events(of: s))
            if kind == .inefficient, last?.kind == .inefficient {
                throw LifecycleError(s, "is already marked inefficient since \(last!.date) (#\(last!.id)); lift the mark first")
            }
            if kind == .inefficientLifted, last?.kind != .inefficient {
                throw LifecycleError(s, "is not marked inefficient; nothing to lift")
            }
            if let last, date < last.date {
                throw LifecycleError(s, "dated \(date), before the mark's previous change of \(last.date) (#\(last.id))")
            }
            return try Self.append(NewEvent(subject: s, date: date, legalBasis: basis, recordedBy: recordedBy, note: note), kind: kind, in: w)
        }
    }

    /// The last mark or lifting of a history (oldest first), if any.
    static func lastMark(_ events: [HistoryEvent]) -> HistoryEvent? {
        events.last { $0.kind == .inefficient || $0.kind == .inefficientLifted }
    }

    /// Records the disposal planned for a listed parcel ("one plot, one plan"); a later plan supersedes.
    public func planInefficient(parcelID: String, method: DisposalMethod, plannedFor: CivilDate, recordedBy: String,
                                note: String? = nil) throws {
        let s = Subject(.parcel, parcelID)
        try store.write { w in
            guard try w.subjectExists(s) else { throw LifecycleError(s, "no such parcel in the registry", notFound: true) }
            try w.addInefficiencyPlan(InefficiencyPlan(parcelID: parcelID, method: method, plannedFor: plannedFor, note: note,
                                                       recordedBy: recordedBy, recordedAt: Self.efficiencyNow()))
        }
    }
}

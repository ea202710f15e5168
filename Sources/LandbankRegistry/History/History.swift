import Foundation
import LandbankLifecycle

extension HistoryEvent {
    var entry: Corrections.Entry {
        Corrections.Entry(id: id, date: date, kind: kind, status: status, disposalMethod: disposalMethod, corrects: corrects)
    }
}

extension Registry {
    /// Appends an event after checking it against the lifecycle: the subject exists, the date is not before the
    /// previous status event, the status change is allowed, and land is not assigned while a supply contract is
    /// in force; a correction must fit `Corrections`' rules. Recovery ends the contracts in force on its date.
    /// The subject's current status, which is derived from its history, is brought up to date in the same
    /// transaction.
    @discardableResult
    public func record(_ event: NewEvent) throws -> HistoryEvent {
        try store.write { w in try Self.append(event, kind: event.corrects == nil ? .status : .correction, in: w) }
    }

    /// The whole history of a parcel or building, oldest first.
    public func history(of subject: Subject) throws -> [HistoryEvent] {
        try store.read { try $0.events(of: subject) }
    }

    /// The status the history leads to, corrections applied at the place of the events they correct.
    static func derivedStatus(_ events: [HistoryEvent]) -> ParcelStatus? {
        Corrections.currentStatus(events.map(\.entry))
    }

    /// The lifecycle's rules for one new event, checked and applied inside the caller's write transaction.
    static func append(_ e: NewEvent, kind: EventKind, in w: any StoreWriter) throws -> HistoryEvent {
        let s = e.subject
        func refuse(_ why: String) -> LifecycleError { LifecycleError(s, why) }
        guard try w.subjectExists(s) else {
            throw LifecycleError(s, "no such \(s.kind.rawValue) in the registry", notFound: true)
        }
        guard !e.recordedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("say who records the event") }
        let past = try w.events(of: s)
        // Status events keep date order among themselves; a correction stands at the place of the event it
        // corrects, and contract and geometry records carry the date they were made.
        if kind.statesStatus, let last = past.last(where: { $0.kind.statesStatus }), e.date < last.date {
            throw refuse("dated \(e.date), before the previous event of \(last.date) (#\(last.id)); history is kept in date order")
        }
        let entries = past.map(\.entry)
        var contracts: [StoredContract] = []
        if s.kind == .parcel, e.status == .assigned || e.status == .recovered {
            contracts = try w.contracts(parcelID: s.id)
        }
        switch kind {
        case .correction:
            guard e.note?.isEmpty == false else { throw refuse("a correction must say what was wrong (--note)") }
            let c = Corrections.Entry(id: Int64.max, date: e.date, kind: .correction, status: e.status,
                                      disposalMethod: e.disposalMethod, corrects: e.corrects)
            if let why = Corrections.refusal(of: c, in: entries) { throw refuse(why) }
        case .status:
            guard let to = e.status else { throw refuse("a status event needs the new status") }
            if let why = Transitions.refusal(from: Corrections.currentStatus(entries), to: to) { throw refuse(why) }
            // A contract whose agreed start is later is the new project's own, signed with the assignment.
            if to == .assigned, let c = contracts.first(where: { $0.inForce(on: e.date) }) {
                throw refuse("cannot be assigned while supply contract \(c.contract.contractNumber) is in force; record its recovery first")
            }
        default:
            break
        }
        let added = try w.appendEvent(e, kind: kind)
        if e.status == .recovered {
            // Recovery of the land use right ends the contracts that began before it.
            for var c in contracts where c.inForce(on: e.date) {
                c.terminatedOn = e.date
                try w.putContract(c)
            }
        }
        let all = (past + [added]).map(\.entry)
        try w.setStatus(of: s, Corrections.currentStatus(all), Corrections.currentDisposalMethod(all))
        return added
    }
}

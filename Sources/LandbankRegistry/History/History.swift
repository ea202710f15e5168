import Foundation
import GRDB
import LandbankLifecycle

extension Subject.Kind {
    var table: String { self == .parcel ? "parcels" : "buildings" }
    var idColumn: String { self == .parcel ? "parcel_id" : "building_id" }
    /// The columns of the stored planar and ellipsoidal areas, m².
    var areaColumns: (cadastral: String, ellipsoidal: String) {
        self == .parcel ? ("cadastral_area_m2", "ellipsoidal_area_m2") : ("footprint_area_m2", "footprint_ellipsoidal_area_m2")
    }
}

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
        try write { db in
            try Self.append(event, kind: event.corrects == nil ? .status : .correction, chain: try HistoryChain(db), in: db)
        }
    }

    /// The whole history of a parcel or building, oldest first.
    public func history(of subject: Subject) throws -> [HistoryEvent] {
        try db.read { db in try Self.events(of: subject, in: db) }
    }

    static func events(of subject: Subject, in db: Database) throws -> [HistoryEvent] {
        try Row.fetchAll(db, sql: """
            SELECT \(HistoryEvent.columns) FROM events WHERE subject = ? AND subject_id = ? ORDER BY event_date, id
            """, arguments: [subject.kind.rawValue, subject.id]).map(HistoryEvent.init(row:))
    }

    /// The status the history leads to, corrections applied at the place of the events they correct.
    static func derivedStatus(_ events: [HistoryEvent]) -> ParcelStatus? {
        Corrections.currentStatus(events.map(\.entry))
    }

    static func append(_ e: NewEvent, kind: EventKind, chain: HistoryChain, in db: Database) throws -> HistoryEvent {
        let s = e.subject
        func refuse(_ why: String) -> LifecycleError { LifecycleError(s, why) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(s.kind.table) WHERE \(s.kind.idColumn) = ?", arguments: [s.id]) == true else {
            throw LifecycleError(s, "no such \(s.kind.rawValue) in the registry", notFound: true)
        }
        guard !e.recordedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("say who records the event") }
        let past = try events(of: s, in: db)
        // Status events keep date order among themselves; a correction stands at the place of the event it
        // corrects, and contract and geometry records carry the date they were made.
        if kind.statesStatus, let last = past.last(where: { $0.kind.statesStatus }), e.date < last.date {
            throw refuse("dated \(e.date), before the previous event of \(last.date) (#\(last.id)); history is kept in date order")
        }
        let entries = past.map(\.entry)
        switch kind {
        case .correction:
            guard e.note?.isEmpty == false else { throw refuse("a correction must say what was wrong (--note)") }
            let c = Corrections.Entry(id: Int64.max, date: e.date, kind: .correction, status: e.status,
                                      disposalMethod: e.disposalMethod, corrects: e.corrects)
            if let why = Corrections.refusal(of: c, in: entries) { throw refuse(why) }
        case .status:
            guard let to = e.status else { throw refuse("a status event needs the new status") }
            if let why = Transitions.refusal(from: Corrections.currentStatus(entries), to: to) { throw refuse(why) }
            if to == .assigned, s.kind == .parcel {
                // A contract whose agreed start is later is the new project's own, signed with the assignment.
                if let c = try String.fetchOne(db, sql: """
                    SELECT contract_no FROM contracts WHERE parcel_id = ? AND terminated_on IS NULL AND agreed_start <= ?
                    """, arguments: [s.id, e.date.description]) {
                    throw refuse("cannot be assigned while supply contract \(c) is in force; record its recovery first")
                }
            }
        default:
            break
        }
        let id = try chain.append(EventContent(subject: s, date: e.date, kind: kind, status: e.status,
                                               disposalMethod: e.disposalMethod, legalBasis: e.legalBasis, amount: e.amount,
                                               recordedBy: e.recordedBy, note: e.note, corrects: e.corrects))
        if e.status == .recovered, s.kind == .parcel {
            // Recovery of the land use right ends the contracts that began before it.
            try db.execute(sql: """
                UPDATE contracts SET terminated_on = ? WHERE parcel_id = ? AND terminated_on IS NULL AND agreed_start <= ?
                """, arguments: [e.date.description, s.id, e.date.description])
        }
        // Inserted just above in this transaction, so the row is there.
        let added = try Row.fetchOne(db, sql: "SELECT \(HistoryEvent.columns) FROM events WHERE id = ?", arguments: [id])
            .map(HistoryEvent.init(row:))!
        let all = (past + [added]).map(\.entry)
        try db.execute(sql: "UPDATE \(s.kind.table) SET status = ?, disposal_method = ? WHERE \(s.kind.idColumn) = ?",
                       arguments: [Corrections.currentStatus(all)?.rawValue, Corrections.currentDisposalMethod(all)?.rawValue, s.id])
        return added
    }
}

import Foundation
import GRDB
import LandbankLifecycle

extension EventKind {
    /// Events that state a status and so take part in deriving the current one.
    var changesStatus: Bool { self == .registered || self == .status || self == .correction }
}

extension Subject.Kind {
    var table: String { self == .parcel ? "parcels" : "buildings" }
    var idColumn: String { self == .parcel ? "parcel_id" : "building_id" }
}

extension Registry {
    /// Appends an event after checking it against the lifecycle: the subject exists, the date is not before the
    /// previous event, the status change is allowed, and land is not assigned while a supply contract is in
    /// force. Recovery ends the contracts in force on its date. The subject's current status, which is derived
    /// from its history, is brought up to date in the same transaction.
    @discardableResult
    public func record(_ event: NewEvent) throws -> HistoryEvent {
        try db.write { db in try Self.append(event, kind: event.corrects == nil ? .status : .correction, in: db) }
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

    /// The status the history leads to: the last event that states one (a correction restates it).
    static func derivedStatus(_ events: [HistoryEvent]) -> ParcelStatus? {
        events.last { $0.status != nil }?.status
    }

    static func append(_ e: NewEvent, kind: EventKind, in db: Database) throws -> HistoryEvent {
        let s = e.subject
        func refuse(_ why: String) -> LifecycleError { LifecycleError(s, why) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(s.kind.table) WHERE \(s.kind.idColumn) = ?", arguments: [s.id]) == true else {
            throw refuse("no such \(s.kind.rawValue) in the registry")
        }
        guard !e.recordedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("say who records the event") }
        let past = try events(of: s, in: db)
        // Status events keep date order among themselves; contract and geometry records carry the date they
        // were made and do not constrain it.
        if kind.changesStatus, let last = past.last(where: { $0.kind.changesStatus }), e.date < last.date {
            throw refuse("dated \(e.date), before the previous event of \(last.date) (#\(last.id)); history is kept in date order")
        }
        let current = derivedStatus(past)
        switch kind {
        case .correction:
            guard let target = e.corrects, past.contains(where: { $0.id == target }) else {
                throw refuse("event #\(e.corrects.map(String.init) ?? "?") is not in this \(s.kind.rawValue)'s history")
            }
            guard e.note?.isEmpty == false else { throw refuse("a correction must say what was wrong (--note)") }
        case .status:
            guard let to = e.status else { throw refuse("a status event needs the new status") }
            if let why = Transitions.refusal(from: current, to: to) { throw refuse(why) }
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
        try db.execute(sql: """
            INSERT INTO events (subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen,
              recorded_by, note, corrects, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
            """, arguments: [s.kind.rawValue, s.id, e.date.description, kind.rawValue, e.status?.rawValue,
                             e.disposalMethod?.rawValue, e.legalBasis, e.amount?.fen, e.recordedBy, e.note, e.corrects])
        let id = db.lastInsertedRowID
        if e.status == .recovered, s.kind == .parcel {
            // Recovery of the land use right ends the contracts that began before it.
            try db.execute(sql: """
                UPDATE contracts SET terminated_on = ? WHERE parcel_id = ? AND terminated_on IS NULL AND agreed_start <= ?
                """, arguments: [e.date.description, s.id, e.date.description])
        }
        // Inserted just above in this transaction, so the row is there.
        let added = try Row.fetchOne(db, sql: "SELECT \(HistoryEvent.columns) FROM events WHERE id = ?", arguments: [id])
            .map(HistoryEvent.init(row:))!
        // A status event is dated no earlier than any earlier status event (checked above), and the events that
        // may be dated later (contract, geometry) state no status or method: appending it gives the same
        // derivation as re-reading the history in date order.
        let all = past + [added]
        let method = all.last { $0.disposalMethod != nil }?.disposalMethod
        try db.execute(sql: "UPDATE \(s.kind.table) SET status = ?, disposal_method = ? WHERE \(s.kind.idColumn) = ?",
                       arguments: [derivedStatus(all)?.rawValue, method?.rawValue, s.id])
        return added
    }
}

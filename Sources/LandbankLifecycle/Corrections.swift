/// How corrections rewrite a history: a correction replaces what the event it corrects said, at that event's
/// place in time, and the corrected sequence must obey the same transitions as `record`.
///
/// Rules: only events that state a status (registered, status) may have their status or disposal method
/// corrected; other kinds (contract, geometry, outside edits) take a note-only correction. A correction is not
/// itself corrected: correct the original event again, and its latest correction wins.
public enum Corrections {
    /// One event as the lifecycle reads it.
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var date: CivilDate
        public var kind: EventKind
        public var status: ParcelStatus?
        public var disposalMethod: DisposalMethod?
        public var corrects: Int64?

        public init(id: Int64, date: CivilDate, kind: EventKind, status: ParcelStatus? = nil,
                    disposalMethod: DisposalMethod? = nil, corrects: Int64? = nil) {
            self.id = id
            self.date = date
            self.kind = kind
            self.status = status
            self.disposalMethod = disposalMethod
            self.corrects = corrects
        }
    }

    /// The history as it should have been, in date order: every corrected event carries its latest correction's
    /// status and method (each kept from the original where the correction gives none), and the corrections
    /// themselves drop out. `entries` must be in date order, ties by id.
    public static func effective(_ entries: [Entry]) -> [Entry] {
        var latest: [Int64: Entry] = [:]
        for e in entries where e.kind == .correction {
            if let target = e.corrects, latest[target].map({ $0.id < e.id }) ?? true { latest[target] = e }
        }
        return entries.compactMap { e in
            if e.kind == .correction { return nil }
            guard let c = latest[e.id] else { return e }
            var fixed = e
            fixed.status = c.status ?? e.status
            fixed.disposalMethod = c.disposalMethod ?? e.disposalMethod
            return fixed
        }
    }

    /// The current status: the last effective event that states one.
    public static func currentStatus(_ entries: [Entry]) -> ParcelStatus? {
        effective(entries).last { $0.status != nil }?.status
    }

    /// The current disposal method: the last effective event that names one.
    public static func currentDisposalMethod(_ entries: [Entry]) -> DisposalMethod? {
        effective(entries).last { $0.disposalMethod != nil }?.disposalMethod
    }

    /// Why the effective history breaks the transitions (naming the event), or nil when it follows them.
    /// A status restated unchanged is no transition.
    public static func transitionRefusal(_ entries: [Entry]) -> String? {
        var current: ParcelStatus?
        for e in effective(entries) {
            guard let to = e.status, to != current else { continue }
            if let why = Transitions.refusal(from: current, to: to) { return "event #\(e.id) of \(e.date): \(why)" }
            current = to
        }
        return nil
    }

    /// Why `correction` may not be added to `history`, or nil when it may (its target must be in the history and
    /// be able to carry what it restates, and the corrected history must follow the transitions).
    public static func refusal(of correction: Entry, in history: [Entry]) -> String? {
        guard let targetID = correction.corrects, let target = history.first(where: { $0.id == targetID }) else {
            return "event #\(correction.corrects.map(String.init) ?? "?") is not in this history"
        }
        if target.kind == .correction {
            return "event #\(target.id) is itself a correction of #\(target.corrects.map(String.init) ?? "?"); correct #\(target.corrects.map(String.init) ?? "?") again instead (its latest correction wins)"
        }
        let restates = correction.status != nil || correction.disposalMethod != nil
        if restates && !target.kind.statesStatus {
            return "event #\(target.id) is a \(target.kind.rawValue) event, which states no status or disposal method; correct it with a note only"
        }
        if correction.date < target.date {
            return "a correction dated \(correction.date) cannot precede the event it corrects (#\(target.id) of \(target.date))"
        }
        if let why = transitionRefusal(history + [correction]) { return "the corrected history would break the lifecycle: \(why)" }
        return nil
    }
}

import LandbankLifecycle

/// Events streamed in subject order, handed on one subject at a time: what each store's `forEachHistory` does
/// with its cursor.
struct SubjectGroups {
    let body: (String, [HistoryEvent]) throws -> Void
    private var subject: String?
    private var events: [HistoryEvent] = []

    init(_ body: @escaping (String, [HistoryEvent]) throws -> Void) { self.body = body }

    mutating func add(_ e: HistoryEvent) throws {
        if e.subject.id != subject {
            if let subject { try body(subject, events) }
            subject = e.subject.id
            events = []
        }
        events.append(e)
    }

    /// Hands on the last subject's events.
    mutating func finish() throws {
        if let subject { try body(subject, events) }
        subject = nil
    }
}

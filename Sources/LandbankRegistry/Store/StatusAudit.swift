import LandbankLifecycle

/// `verify`'s check that every feature's stored status is the one its history derives, and that every history
/// belongs to a feature, on either store: the store hands over each feature's stored status and then its
/// histories subject by subject (`forEachHistory`), and the rules here decide.
struct StatusAudit {
    private(set) var statuses: [String] = []
    private(set) var orphans: [String] = []

    /// One kind of subject: `stored` is each feature's status as its table holds it.
    mutating func check(_ kind: Subject.Kind, stored: [String: ParcelStatus?],
                        histories: ((String, [HistoryEvent]) throws -> Void) throws -> Void) throws {
        var unseen = stored
        try histories { id, events in
            let history = events.map(\.entry)
            if let status = unseen.removeValue(forKey: id) {
                let derived = Corrections.currentStatus(history)
                if status != derived {
                    statuses.append("\(kind.rawValue) \(id): status \(status?.rawValue ?? "none"), its history says \(derived?.rawValue ?? "none")")
                }
                if let why = Corrections.transitionRefusal(history) { statuses.append("\(kind.rawValue) \(id): \(why)") }
            } else if !events.contains(where: { $0.kind == .outsideEdit && $0.note?.contains("deleted") == true }) {
                orphans.append("\(kind.rawValue) \(id) has a history but is not in the registry, and no deletion was recorded")
            }
        }
        for (id, status) in unseen where status != nil {
            statuses.append("\(kind.rawValue) \(id): status \(status!.rawValue), but it has no history")
        }
    }

    /// Both checks into the report, sorted.
    func add(to report: inout VerifyReport, limit: Int) {
        report.add("statuses follow the history", statuses.sorted(), limit: limit)
        report.add("every history belongs to a feature", orphans.sorted(), limit: limit)
    }
}

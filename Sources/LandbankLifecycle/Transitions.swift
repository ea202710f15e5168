/// Which status changes the lifecycle allows, and why a change is refused.
///
/// The states follow DOMAIN.md: approved-not-supplied → assigned (supplied) → idle / inefficient →
/// under recovery → recovered → revitalized or assigned anew. A correction restates what an earlier event should
/// have said; the corrected history must follow these transitions too (`Corrections`).
public enum Transitions {
    static let allowed: [ParcelStatus: Set<ParcelStatus>] = [
        .approvedNotSupplied: [.assigned],
        .assigned: [.idle, .inefficient, .underRecovery, .recovered, .revitalized],
        .idle: [.inefficient, .underRecovery, .recovered, .revitalized],
        .inefficient: [.idle, .underRecovery, .recovered, .revitalized],
        .underRecovery: [.recovered, .revitalized, .idle, .inefficient],
        .recovered: [.revitalized, .assigned, .approvedNotSupplied],
        .revitalized: [.assigned, .idle, .inefficient, .underRecovery],
    ]

    /// The statuses reachable from `status` (any status from no status at all).
    public static func next(after status: ParcelStatus?) -> Set<ParcelStatus> {
        guard let status else { return Set(ParcelStatus.allCases) }
        return allowed[status] ?? []
    }

    /// Why `from` → `to` is refused, or nil when it is allowed.
    public static func refusal(from: ParcelStatus?, to: ParcelStatus) -> String? {
        if from == to { return "it is already \(to.rawValue)" }
        if next(after: from).contains(to) { return nil }
        let options = next(after: from).map(\.rawValue).sorted().joined(separator: ", ")
        return "\(from?.rawValue ?? "unclassified") cannot become \(to.rawValue) (allowed next: \(options))"
    }

    /// Statuses after which the land counts as recovered (收回) or revitalized (盘活) in reports.
    public static let disposed: Set<ParcelStatus> = [.recovered, .revitalized, .underRecovery]
}

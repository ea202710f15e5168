import LandbankLifecycle

/// One entry of a parcel's or building's history, as stored (never changed afterwards).
public struct HistoryEvent: Sendable, Encodable {
    public var id: Int64
    public var subject: Subject
    public var date: CivilDate
    public var kind: EventKind
    /// The status after the event (nil for events that do not change it).
    public var status: ParcelStatus?
    public var disposalMethod: DisposalMethod?
    /// The document that authorises it, e.g. "新高管字〔2024〕37号".
    public var legalBasis: String?
    /// Money received by the zone (positive) or paid by it (negative).
    public var amount: Money?
    public var recordedBy: String
    public var note: String?
    /// The event this one corrects.
    public var corrects: Int64?
    public var recordedAt: String

    enum CodingKeys: String, CodingKey {
        case id, subject, date, kind, status, disposalMethod = "disposal_method", legalBasis = "legal_basis", amount
        case recordedBy = "recorded_by", note, corrects, recordedAt = "recorded_at"
    }

}

/// An event to append: a change of status, or a correction of an earlier event.
public struct NewEvent: Sendable {
    public var subject: Subject
    public var date: CivilDate
    public var status: ParcelStatus?
    public var disposalMethod: DisposalMethod?
    public var legalBasis: String?
    public var amount: Money?
    public var recordedBy: String
    public var note: String?
    public var corrects: Int64?

    public init(subject: Subject, date: CivilDate, status: ParcelStatus? = nil, disposalMethod: DisposalMethod? = nil,
                legalBasis: String? = nil, amount: Money? = nil, recordedBy: String, note: String? = nil,
                corrects: Int64? = nil) {
        self.subject = subject
        self.date = date
        self.status = status
        self.disposalMethod = disposalMethod
        self.legalBasis = legalBasis
        self.amount = amount
        self.recordedBy = recordedBy
        self.note = note
        self.corrects = corrects
    }
}

/// An event the lifecycle refuses, with the subject and the reason.
public struct LifecycleError: Error, Equatable, Sendable, CustomStringConvertible {
    public var subject: Subject
    public var reason: String
    /// The subject is not in the registry (rather than a change refused).
    public var notFound: Bool

    public init(_ subject: Subject, _ reason: String, notFound: Bool = false) {
        self.subject = subject
        self.reason = reason
        self.notFound = notFound
    }

    public var description: String { "\(subject): \(reason) — nothing was recorded" }
}

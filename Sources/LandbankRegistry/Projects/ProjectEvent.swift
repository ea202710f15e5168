import LandbankLifecycle

/// One entry of a project's history: a stage change (or a correction of one), or sites assigned to it, with
/// date, who and why. Append-only and hash-chained in the store, as the parcels' history is.
public struct ProjectEvent: Equatable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case stage
        /// Puts right a stage recorded by mistake; it may go backwards and must say why.
        case correction
        /// Parcels or buildings assigned to the project; the stage is the project's at the time, unchanged.
        case site
        /// A change to the project's record or agreement (promised figures, deadlines), with old and new values.
        case amendment
        /// An incentive promised or paid, with the promised or paid total before and after it.
        case incentive

        /// Whether the event moves the project through its stages.
        public var isStageChange: Bool { self == .stage || self == .correction }
        /// Whether the project's stage is derived from it: stage changes and site events (which repeat the
        /// stage). Amendments and incentives repeat the stage when recorded, only for the reader, and may be
        /// dated before the last stage change (an incentive paid years ago, imported today).
        public var countsForStage: Bool { self != .amendment && self != .incentive }
    }

    public var id: Int64
    public var projectID: String
    public var date: CivilDate
    public var stage: ProjectStage
    public var kind: Kind
    /// "parcel:ID" or "building:ID", for a site event.
    public var sites: [String]
    public var recordedBy: String
    public var note: String?
    /// The event a correction puts right, when it names one.
    public var corrects: Int64?
    /// When it was recorded (UTC, to the second).
    public var recordedAt: String
    /// What an amendment or incentive changed, field by field.
    public var changes: [ProjectChange] = []

    public var isCorrection: Bool { kind == .correction }

    public init(id: Int64, projectID: String, date: CivilDate, stage: ProjectStage, kind: Kind, sites: [String],
                recordedBy: String, note: String?, corrects: Int64?, recordedAt: String, changes: [ProjectChange] = []) {
        self.id = id
        self.projectID = projectID
        self.date = date
        self.stage = stage
        self.kind = kind
        self.sites = sites
        self.recordedBy = recordedBy
        self.note = note
        self.corrects = corrects
        self.recordedAt = recordedAt
        self.changes = changes
    }
}

/// A stage change to record.
public struct NewProjectEvent: Equatable, Sendable {
    public var projectID: String
    public var date: CivilDate
    public var stage: ProjectStage
    public var recordedBy: String
    public var note: String?
    public var kind: ProjectEvent.Kind
    public var corrects: Int64?
    public var sites: [String]
    public var changes: [ProjectChange] = []

    public var isCorrection: Bool { kind == .correction }

    public init(projectID: String, date: CivilDate, stage: ProjectStage, recordedBy: String, note: String? = nil,
                isCorrection: Bool = false, corrects: Int64? = nil) {
        self.projectID = projectID
        self.date = date
        self.stage = stage
        self.recordedBy = recordedBy
        self.note = note
        kind = isCorrection || corrects != nil ? .correction : .stage
        self.corrects = corrects
        sites = []
    }
}

/// One field an amendment or incentive changed, as text: amounts in yuan ("600000000.00"), dates, counts;
/// nil when the field had (or has) no value.
public struct ProjectChange: Equatable, Sendable, Codable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// What a project reported for one year: investment made that year, that year's output and tax, and at the
/// year's end the jobs, the firms brought in and the floor space filled.
public struct ProjectActual: Equatable, Sendable, Codable {
    public var projectID: String
    public var year: Int
    public var investment: Money?
    public var output: Money?
    public var tax: Money?
    public var jobs: Int?
    public var tenants: Int?
    public var floorSpaceM2: Double?

    public init(projectID: String, year: Int, investment: Money? = nil, output: Money? = nil, tax: Money? = nil,
                jobs: Int? = nil, tenants: Int? = nil, floorSpaceM2: Double? = nil) {
        self.projectID = projectID
        self.year = year
        self.investment = investment
        self.output = output
        self.tax = tax
        self.jobs = jobs
        self.tenants = tenants
        self.floorSpaceM2 = floorSpaceM2
    }
}

/// An incentive (招商引资政策) promised to a project or paid out (政策兑现), with its basis.
public struct ProjectIncentive: Equatable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case promised
        case paid
    }

    public var projectID: String
    public var kind: Kind
    public var amount: Money
    public var date: CivilDate
    /// The policy or clause it rests on ("协议第五条 设备补助").
    public var basis: String

    public init(projectID: String, kind: Kind, amount: Money, date: CivilDate, basis: String) {
        self.projectID = projectID
        self.kind = kind
        self.amount = amount
        self.date = date
        self.basis = basis
    }
}

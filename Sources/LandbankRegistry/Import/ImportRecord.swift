/// One entry of the registry's import log: which file (name and SHA-256), when and by whom, in which mode,
/// what became of its features, and the outcome. Every import is logged, a refused one too (after its data
/// was rolled back); its problems are listed by `Registry.importIssues`.
public struct ImportRecord: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Every feature was imported (some perhaps repaired or flagged).
        case imported
        /// `--skip-invalid`: the good features were imported, the rejected ones logged.
        case partial
        /// Some feature was rejected, so nothing was written (the default: all or nothing).
        case refused
        /// The file could not be read to its end, or named an unknown CRS: nothing was written.
        case failed
    }

    /// The import's number in the log (`landbank issues REG --import N`).
    public var id: Int64
    public var file: String
    /// SHA-256 of the file's bytes, nil when it was read from a pipe.
    public var fileSHA256: String?
    /// "parcels" or "buildings".
    public var layer: String
    /// The options that change what an import does: "all-or-nothing", or "skip-invalid", "make-valid",
    /// "update" joined by commas.
    public var mode: String
    public var startedAt: String
    public var finishedAt: String
    public var recordedBy: String
    /// Features read from the file.
    public var features: Int
    /// New parcels or buildings written.
    public var added: Int
    /// `--update`: parcels changed, left alone, and in the registry but not in the file.
    public var updated: Int
    public var unchanged: Int
    public var missing: Int
    public var repaired: Int
    public var rejected: Int
    public var flagged: Int
    public var outcome: Outcome
    /// Why a refused or failed import wrote nothing (its first problem).
    public var message: String?
    /// How many issues of each rule and action, most frequent first.
    public var byRule: [RuleCount]

    public struct RuleCount: Sendable, Codable, Equatable {
        public var rule: ImportIssue.Rule
        public var action: ImportIssue.Action
        public var count: Int
    }

    public var issueCount: Int { byRule.reduce(0) { $0 + $1.count } }

    enum CodingKeys: String, CodingKey {
        case id, file, fileSHA256 = "file_sha256", layer, mode, startedAt = "started_at", finishedAt = "finished_at"
        case recordedBy = "recorded_by", features, added, updated, unchanged, missing, repaired, rejected, flagged
        case outcome, message, byRule = "by_rule"
    }
}

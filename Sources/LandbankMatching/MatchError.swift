import LandbankRegistry

/// A demand or a policy the matcher refuses: which one, which key, why — one line.
public struct MatchInputError: Error, CategorizedError, CustomStringConvertible, Equatable, Sendable {
    /// "demand D-01", "demand #3 (no id)", "policy of zone 高新东区".
    public var subject: String
    /// The key, dotted for nested ones: "land_mu.min", "prefer.zones.高新东区".
    public var key: String?
    public var reason: String

    public init(subject: String, key: String?, reason: String) {
        self.subject = subject
        self.key = key
        self.reason = reason
    }

    public var category: ErrorCategory { .invalidInput }
    public var description: String { "\(subject): " + (key.map { "\($0): " } ?? "") + reason }
}

/// Several bad demands (or zone policies) of one file: every one is listed and nothing is answered or written.
public struct MatchInputErrors: Error, CategorizedError, CustomStringConvertible, Sendable {
    public var file: String
    public var errors: [MatchInputError]

    public init(file: String, errors: [MatchInputError]) {
        self.file = file
        self.errors = errors
    }

    public var category: ErrorCategory { .invalidInput }
    /// One line per bad demand, each naming the file.
    public var lines: [String] { errors.map { "\(file): \($0)" } }
    public var description: String { lines.joined(separator: "\n") }
}

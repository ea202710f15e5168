/// Why a CSV file could not be read, and where: `parcels.csv:14: 9 fields, header has 8`.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case cannotOpen(reason: String)
        case readFailed(reason: String)
        case missingHeader
        case fieldCount(found: Int, expected: Int)
        /// `field` numbers count from 1, as a spreadsheet's columns do.
        case unterminatedQuote(field: Int)
        case textAfterClosingQuote(field: Int)
        case invalidUTF8(field: Int)
        /// A cell longer than `FeatureLimits.tokenBytes`; the reader stops.
        case fieldTooLong(limit: Int)
        /// A record larger than `FeatureLimits.recordBytes`; the reader stops.
        case recordTooLarge(limit: Int)
    }

    /// The path as given to the reader, or `<stdin>`.
    public var file: String
    /// 1-based line where the record (or, for quote and UTF-8 errors, the field) starts; nil when the file
    /// could not be opened.
    public var line: Int?
    public var kind: Kind

    public init(file: String, line: Int?, _ kind: Kind) {
        self.file = file
        self.line = line
        self.kind = kind
    }

    public var description: String {
        let what: String
        switch kind {
        case .cannotOpen(let reason): what = "cannot open: \(reason)"
        case .readFailed(let reason): what = "read failed: \(reason)"
        case .missingHeader: what = "the file is empty, a header row was expected"
        case .fieldCount(let found, let expected): what = "\(found) fields, header has \(expected)"
        case .unterminatedQuote(let field): what = "field \(field) opens a quote that is never closed"
        case .textAfterClosingQuote(let field): what = "field \(field) has text after its closing quote"
        case .invalidUTF8(let field): what = "field \(field) is not valid UTF-8"
        case .fieldTooLong(let limit): what = "a field longer than \(limit) bytes, the most landbank reads (FeatureLimits)"
        case .recordTooLarge(let limit): what = "a record larger than \(limit) bytes, the most landbank reads (FeatureLimits)"
        }
        return line.map { "\(file):\($0): \(what)" } ?? "\(file): \(what)"
    }
}

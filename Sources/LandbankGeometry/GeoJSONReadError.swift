/// What went wrong while reading a GeoJSON file, and where: file, feature, line and column.
///
/// `line` and `column` are 1-based and count bytes, so a column after Chinese text is larger than the number
/// of characters an editor shows; both are 0 when the problem has no place in the text (the file cannot be opened).
public struct GeoJSONReadError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Equatable, Sendable {
        case cannotOpen(String)
        case readFailed(String)
        /// `found` is the character as written (or its byte in hex); `expected` says what the grammar allowed.
        case unexpectedCharacter(found: String, expected: String)
        /// The file ends where `expected` was due: a truncated file.
        case unexpectedEnd(expected: String)
        case unterminatedString
        case controlCharacterInString
        case invalidEscape
        case invalidUTF8
        /// The text that was taken for a number, e.g. `NaN`, `01` or `1e`.
        case invalidNumber(String)
        case nestingTooDeep(limit: Int)
        /// A string or number longer than `FeatureLimits.tokenBytes`.
        case tokenTooLong(limit: Int)
        /// A value read whole (a feature's `properties`) larger than `FeatureLimits.recordBytes`.
        case valueTooLarge(limit: Int)
        /// A number in properties that no double can hold, e.g. 1e309 (it would become infinity).
        case numberOutOfRange(String)
        /// A `type` member other than the one that belongs here, e.g. a Feature whose type is "Point".
        case unexpectedType(found: String, expected: String)
        /// A member whose value has the wrong kind, e.g. an `id` that is an object.
        case invalidMember(name: String, expected: String)
        case missingMember(String)
        /// An old-style `crs` member after `features`: the CRS would be known only after every feature was read.
        case crsAfterFeatures
        /// A geometry other than Polygon or MultiPolygon: LineString, Point, GeometryCollection...
        case wrongGeometryType(String)
        /// Coordinates that are valid JSON but not the nesting the geometry type needs.
        case malformedCoordinates(String)
        /// Coordinates that break a ring or polygon invariant; the error names polygon, ring and coordinate.
        case geometry(GeometryError)
        case trailingContent
    }

    /// The file's name as given to the reader ("-" for standard input).
    public var file: String
    public var featureIndex: Int?
    public var featureID: String?
    public var line: Int
    public var column: Int
    public var reason: Reason

    public init(file: String, featureIndex: Int? = nil, featureID: String? = nil,
                line: Int, column: Int, reason: Reason, isRecoverable: Bool = false) {
        self.file = file
        self.featureIndex = featureIndex
        self.featureID = featureID
        self.line = line
        self.column = column
        self.reason = reason
        self.isRecoverable = isRecoverable
    }

    /// The ring or polygon error behind this one, if the coordinates were the problem.
    public var geometryError: GeometryError? {
        if case .geometry(let e) = reason { return e }
        return nil
    }

    /// True when only the current feature is bad and the document around it is well-formed:
    /// `GeoJSONReader.next()` then goes on with the following feature. After any other error the reader
    /// stops and throws the same error again.
    public var isRecoverable: Bool

    public var description: String {
        var s = file
        if line > 0 { s += ":\(line):\(column)" }
        s += ": "
        if let i = featureIndex {
            s += "feature \(i)"
            if let id = featureID { s += " (id \(DisplayText.quoted(id)))" }
            s += ": "
        }
        return s + reason.description
    }
}

extension GeoJSONReadError.Reason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotOpen(let why): return "cannot open: \(why)"
        case .readFailed(let why): return "read failed: \(why)"
        case .unexpectedCharacter(let found, let expected): return "unexpected \(found), expected \(expected)"
        case .unexpectedEnd(let expected): return "file ends early (truncated?), expected \(expected)"
        case .unterminatedString: return "unterminated string"
        case .controlCharacterInString: return "control character in string (it must be escaped)"
        case .invalidEscape: return "invalid escape sequence in string"
        case .invalidUTF8: return "string is not valid UTF-8"
        case .invalidNumber(let text): return "invalid number '\(text)'"
        case .nestingTooDeep(let limit): return "values nested more than \(limit) deep"
        case .tokenTooLong(let limit): return "string or number longer than \(limit) bytes, the most landbank reads (FeatureLimits)"
        case .valueTooLarge(let limit): return "value larger than \(limit) bytes, the most landbank reads for one feature (FeatureLimits)"
        case .numberOutOfRange(let text): return "number \(text.prefix(24)) is out of range: it is not a finite double"
        case .unexpectedType(let found, let expected): return "type is \(DisplayText.quoted(found)), expected \"\(expected)\""
        case .invalidMember(let name, let expected): return "member \"\(name)\" must be \(expected)"
        case .missingMember(let name): return "missing member \"\(name)\""
        case .crsAfterFeatures:
            return "\"crs\" comes after \"features\"; it must come before them for the file to be read as a stream"
        case .wrongGeometryType(let type): return "geometry type \(type) is not a Polygon or MultiPolygon"
        case .malformedCoordinates(let why): return "malformed coordinates: \(why)"
        case .geometry(let e): return e.description
        case .trailingContent: return "content after the end of the document"
        }
    }
}

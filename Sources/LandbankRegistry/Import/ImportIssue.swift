import LandbankGeometry

/// One problem an import found with one feature (or with the file as a whole), and what was done about it.
/// An import lists every problem of the file in one pass; the list is kept in the registry's import log.
public struct ImportIssue: Sendable, Codable, Equatable {
    /// Which check the feature failed. The raw values are what the log, `--report` and `landbank issues` show.
    public enum Rule: String, Sendable, Codable, CaseIterable {
        /// Text the reader could not take: a JSON member of the wrong kind, unparseable WKT.
        case unreadable
        case noGeometry = "no_geometry"
        case emptyGeometry = "empty_geometry"
        /// A Point, LineString… where a Polygon or MultiPolygon is needed.
        case geometryType = "geometry_type"
        /// A ring that is not closed, too short, with a non-finite coordinate, or too large.
        case badGeometry = "bad_geometry"
        /// GEOS finds the polygon invalid (self-intersection, self-touching ring, hole outside its shell…).
        case invalidPolygon = "invalid_polygon"
        case outsideAreaOfUse = "outside_area_of_use"
        /// PROJ could not transform the coordinates.
        case transform
        /// Coordinates no CRS could mean, an edge across 180° that could go either way, areas the projection
        /// cannot reconcile.
        case measure
        case missingID = "missing_id"
        /// The id is used by an earlier feature of the same file.
        case duplicateID = "duplicate_id"
        /// The id is already in the registry (a plain import adds; `--update` matches instead).
        case idInRegistry = "id_in_registry"
        /// A required attribute is absent (a building's parcel_id or floor area).
        case missingAttribute = "missing_attribute"
        /// An attribute the registry cannot take: unknown status, wrong type, too long, a NUL…
        case badAttribute = "bad_attribute"
        case badDate = "bad_date"
        case badNumber = "bad_number"
        /// A building footprint that does not lie on its parcel, or a parcel that is not there.
        case notOnParcel = "not_on_parcel"
        /// `--update`: the lifecycle refuses the status the new file gives.
        case statusChange = "status_change"
        /// `--update`: the parcel's attributes or geometry changed (recorded in its history).
        case changed
        /// `--update`: a parcel of the registry that the new file does not hold (never deleted).
        case missingFromFile = "missing_from_file"
        /// The file as a whole: unreadable from some point on, an unknown CRS…
        case file
    }

    /// What the import did with the feature.
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// Not imported (with the default all-or-nothing, nothing was).
        case rejected
        /// Imported after a repair (`--make-valid`).
        case repaired
        /// Imported as it is, with something worth a look noted.
        case flagged
        /// `--update`: an existing parcel was changed.
        case updated
    }

    /// The feature's 1-based position in the file (row of a CSV); nil for the file as a whole.
    public var position: Int?
    public var featureID: String?
    /// The property or column at fault, when one is.
    public var field: String?
    public var rule: Rule
    /// The offending value as the file gives it (cut short), or the figure a repair changed.
    public var value: String?
    public var action: Action
    /// The one-line reason, as an import error would say it.
    public var message: String
    /// Where in the file ("line 6, column 164") or on the ground ("x 584045.912, y 3085266.862 in EPSG:4547").
    public var location: String?

    public init(position: Int?, featureID: String?, field: String? = nil, rule: Rule, value: String? = nil,
                action: Action, message: String, location: String? = nil) {
        self.position = position
        self.featureID = featureID
        self.field = field
        self.rule = rule
        self.value = value
        self.action = action
        self.message = message
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case position, featureID = "feature_id", field, rule, value, action, message, location
    }

    /// Values quoted in the log are cut to this many characters: enough to recognise, never a whole geometry.
    static let valueLimit = 120
}

/// A problem found in one feature before it has a position in the log: the rule, the field and value where
/// known, and the reason in the import error's terms.
struct FeatureProblem {
    var rule: ImportIssue.Rule
    var field: String?
    var value: String?
    var reason: ImportError.Reason
    var action: ImportIssue.Action = .rejected
    var location: String?

    init(_ reason: ImportError.Reason, rule: ImportIssue.Rule? = nil, field: String? = nil, value: String? = nil,
         action: ImportIssue.Action = .rejected, location: String? = nil) {
        self.reason = reason
        self.rule = rule ?? ImportIssue.Rule(reason)
        self.field = field
        self.value = value
        self.action = action
        self.location = location
    }
}

extension ImportIssue.Rule {
    /// The rule an import error's reason breaks, where nothing more precise is known.
    init(_ reason: ImportError.Reason) {
        switch reason {
        case .unreadable: self = .unreadable
        case .geometry(let g):
            switch g.kind {
            case .empty: self = .emptyGeometry
            case .wrongGeometryType: self = .geometryType
            default: self = .badGeometry
            }
        case .invalid, .repairRefused: self = .invalidPolygon
        case .transform: self = .transform
        case .outsideAreaOfUse: self = .outsideAreaOfUse
        case .missingGeometry: self = .noGeometry
        case .missingID: self = .missingID
        case .duplicateID(_, let first): self = first == nil ? .idInRegistry : .duplicateID
        case .badAttribute: self = .badAttribute
        case .crs, .unsupportedFormat: self = .file
        case .measure: self = .measure
        }
    }
}

extension ImportIssue {
    /// The issue an import error stands for; `position` is the feature's 1-based position.
    init(_ e: ImportError, index: Int?, problem: FeatureProblem? = nil) {
        let p = problem ?? FeatureProblem(e.reason, rule: e.rule)
        self.init(position: index.map { $0 + 1 }, featureID: e.featureID, field: p.field, rule: p.rule, value: p.value,
                  action: p.action, message: e.reasonText, location: p.location ?? e.location ?? e.reason.place)
    }

    /// A JSON value as the log quotes it: strings bare, others as JSON text, cut to `valueLimit` characters.
    static func shown(_ v: JSONValue) -> String {
        let text: String
        if case .string(let s) = v { text = s } else {
            var out: [UInt8] = []
            JSONText.append(v, to: &out)
            text = String(decoding: out, as: UTF8.self)
        }
        return text.unicodeScalars.count > valueLimit ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(valueLimit))) + "…" : text
    }
}

extension ImportError.Reason {
    /// Where on the ground the problem lies, for the log's location column.
    var place: String? {
        switch self {
        case .invalid(_, let at, let lonLat, let crs), .repairRefused(_, _, _, let at, let lonLat, let crs):
            var parts: [String] = []
            if let lonLat { parts.append("lon \(ImportError.fixed(lonLat.x, 7)), lat \(ImportError.fixed(lonLat.y, 7))") }
            if let at { parts.append("x \(ImportError.fixed(at.x, 3)), y \(ImportError.fixed(at.y, 3)) in \(crs)") }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        case .outsideAreaOfUse(let lon, let lat, _, _): return "lon \(lon), lat \(lat)"
        default: return nil
        }
    }
}

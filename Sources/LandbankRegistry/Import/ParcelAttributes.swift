import LandbankGeometry
import LandbankLifecycle

/// The registry's own parcel columns taken from an input feature's id and properties; the other properties
/// are kept as a JSON object and exported again. Area properties are kept as the input declared them but
/// never used: landbank computes its own.
struct ParcelAttributes {
    var parcelID: String
    var name: String?
    var zone: String?
    var landUse: String?
    var status: ParcelStatus?
    var disposalMethod: DisposalMethod?
    /// When the status took effect, for the history's first event: `status_date`, else the ledger's
    /// `disposed_on` (kept among the properties).
    var statusDate: CivilDate?
    /// `status_date` alone: what an update dates a changed status by (a ledger's `disposed_on` is older).
    var declaredStatusDate: CivilDate?
    var otherProperties: String

    static let idKeys = ["id", "code", "parcel_id"]
    /// Figures a ledger declares that landbank keeps among the properties but checks are numbers.
    static let declaredNumbers = ["declared_area_mu", "declared_area_m2"]

    /// Reads every field, noting each problem in `problems` (the feature is rejected when one is not merely
    /// flagged); the values of fields with a problem are left empty.
    init(_ feature: Feature, idField: String?, problems: inout [FeatureProblem]) {
        var v = AttributeValues(feature.properties)
        parcelID = Self.readID(feature, &v, idField: idField, keys: Self.idKeys, &problems)
        name = v.field("name", &problems) { v throws(ImportError.Reason) in try v.text("name") }
        zone = v.field("zone", &problems) { v throws(ImportError.Reason) in try v.text("zone") }
        landUse = v.field("land_use", &problems) { v throws(ImportError.Reason) in try v.text("land_use") }
        status = v.field("status", &problems) { v throws(ImportError.Reason) in try v.status() }
        disposalMethod = v.field("disposal_method", &problems) { v throws(ImportError.Reason) in try v.disposalMethod() }
        declaredStatusDate = v.field("status_date", rule: .badDate, &problems) { v throws(ImportError.Reason) in try v.date("status_date") }
        statusDate = declaredStatusDate ?? v.field("disposed_on", rule: .badDate, &problems) { v throws(ImportError.Reason) in try v.keptDate("disposed_on") }
        for key in Self.declaredNumbers { Self.flagNumber(key, v, &problems) }
        otherProperties = v.field("properties", &problems) { v throws(ImportError.Reason) in try v.json() } ?? "{}"
    }

    /// The id, or "" with its problem noted.
    static func readID(_ feature: Feature, _ v: inout AttributeValues, idField: String?, keys: [String],
                       _ problems: inout [FeatureProblem]) -> String {
        let key = idField ?? (feature.id != nil ? "id" : keys.first { v.peek($0) != nil } ?? "id")
        let raw = idField.flatMap { v.peek($0) } ?? feature.id.map { .string($0) } ?? v.peek(key)
        do { return try featureID(feature, &v, idField: idField, keys: keys) } catch {
            problems.append(FeatureProblem(error, field: key, value: raw.map(ImportIssue.shown)))
            return ""
        }
    }

    /// A declared figure that is not a number is kept as given, and flagged.
    static func flagNumber(_ key: String, _ v: AttributeValues, _ problems: inout [FeatureProblem]) {
        guard let raw = v.peek(key) else { return }
        switch raw {
        case .null, .number: return
        case .string(let s) where Double(s.trimmingCharacters(in: .whitespaces))?.isFinite == true: return
        default:
            problems.append(FeatureProblem(.badAttribute("property \(DisplayText.quoted(key)) is not a number; kept as given"),
                                           rule: .badNumber, field: key, value: ImportIssue.shown(raw), action: .flagged))
        }
    }

    /// The feature's id: the --id-field property, else the feature's `id`, else the first of `keys`; checked by
    /// `checkID`.
    static func featureID(_ feature: Feature, _ v: inout AttributeValues, idField: String?, keys: [String]) throws(ImportError.Reason) -> String {
        if let idField {
            guard let (k, id) = try v.string([idField]) else { throw .missingID("no property \(DisplayText.quoted(idField)) as asked by --id-field") }
            try checkID(id, property: k)
            return id
        }
        if let fid = feature.id {
            try checkID(fid, property: "id")
            return fid
        }
        for k in keys {
            if let (_, found) = try v.string([k]) {
                try checkID(found, property: k)
                return found
            }
        }
        throw .missingID("give it a feature \"id\", " + keys.map { "\"\($0)\"" }.joined(separator: ", ")
            + " property, or name one with --id-field")
    }

    /// An id is printed on every line that names its parcel and typed back by clerks: no control character
    /// (a NUL would cut it short in SQLite, a newline or escape would garble a terminal), at most
    /// `FeatureLimits.idCharacters`.
    static func checkID(_ id: String, property: String) throws(ImportError.Reason) {
        try AttributeValues.checkText(id, property: property, limit: FeatureLimits.idCharacters, limitName: "FeatureLimits.idCharacters")
        if let c = DisplayText.firstControlCharacter(id) {
            throw .badAttribute("id property \(DisplayText.quoted(property)) holds a control character (\(c)); an id must be printable")
        }
    }
}

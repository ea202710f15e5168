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
    /// When the status took effect, for the history's first event.
    var statusDate: CivilDate?
    var otherProperties: String

    static let idKeys = ["id", "code", "parcel_id"]

    init(_ feature: Feature, idField: String?) throws(ImportError.Reason) {
        var v = AttributeValues(feature.properties)
        parcelID = try Self.featureID(feature, &v, idField: idField, keys: Self.idKeys)
        name = try v.text("name")
        zone = try v.text("zone")
        landUse = try v.text("land_use")
        status = try v.status()
        disposalMethod = try v.disposalMethod()
        statusDate = try v.statusDate()
        otherProperties = try v.json()
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

import LandbankGeometry
import LandbankLifecycle

/// The registry's own columns taken from an input feature's id and properties; the other properties are kept
/// as a JSON object and exported again. Area properties are kept as the input declared them but never used:
/// landbank computes its own.
struct ParcelAttributes {
    var parcelID: String
    var name: String?
    var zone: String?
    var landUse: String?
    var status: ParcelStatus?
    var disposalMethod: DisposalMethod?
    var otherProperties: String

    /// Properties that become columns, by the names the field uses for them.
    static let nameKeys: Set = ["name"]
    static let zoneKeys: Set = ["zone"]
    static let landUseKeys: Set = ["land_use"]
    static let statusKeys: Set = ["status"]
    static let disposalKeys: Set = ["disposal_method"]
    static let idKeys = ["id", "code", "parcel_id"]

    init(_ feature: Feature, idField: String?) throws(ImportError.Reason) {
        var props = feature.properties
        func take(_ keys: Set<String>) throws(ImportError.Reason) -> String? {
            guard let i = props.firstIndex(where: { keys.contains($0.key) }) else { return nil }
            let m = props.remove(at: i)
            switch m.value {
            case .null: return nil
            case .string(let s): return s.isEmpty ? nil : s
            case .number(let n): return n
            default: throw .badAttribute("property \"\(m.key)\" must be a string")
            }
        }
        let id: String?
        if let idField {
            id = try take([idField])
            guard let id else { throw .missingID("no property \"\(idField)\" as asked by --id-field") }
            parcelID = id
        } else if let fid = feature.id {
            parcelID = fid
        } else {
            var found: String?
            for k in Self.idKeys where found == nil { found = try take([k]) }
            guard let found else {
                throw .missingID("give it a feature \"id\", an \"id\", \"code\" or \"parcel_id\" property, or name one with --id-field")
            }
            parcelID = found
        }
        name = try take(Self.nameKeys)
        zone = try take(Self.zoneKeys)
        landUse = try take(Self.landUseKeys)
        if let s = try take(Self.statusKeys) {
            guard let st = ParcelStatus(text: s) else {
                throw .badAttribute("unknown status \"\(s)\"; use one of: " + ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            status = st
        }
        if let s = try take(Self.disposalKeys) {
            guard let d = DisposalMethod(text: s) else {
                throw .badAttribute("unknown disposal method \"\(s)\"; use one of: " + DisposalMethod.allCases.map(\.rawValue).joined(separator: ", "))
            }
            disposalMethod = d
        }
        otherProperties = JSONText.object(props)
    }
}

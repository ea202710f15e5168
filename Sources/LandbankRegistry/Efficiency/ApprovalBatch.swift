import LandbankGeometry
import LandbankLifecycle

/// An approval batch (报批批次): land approved for construction in one instrument, by its approval number.
public struct ApprovalBatch: Sendable {
    /// What the batch approved.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// 农用地转用 — conversion of farmland to construction land.
        case farmlandConversion = "farmland_conversion"
        /// 土地征收 — expropriation of collective land.
        case expropriation

        public var chineseName: String {
            switch self {
            case .farmlandConversion: return "农用地转用"
            case .expropriation: return "土地征收"
            }
        }

        /// The snake_case name or the Chinese term (农用地转用, 土地征收; also 农转用, 征收).
        public init?(text: String) {
            if let k = Kind(rawValue: text) { self = k; return }
            switch text {
            case "农用地转用", "农转用": self = .farmlandConversion
            case "土地征收", "征收": self = .expropriation
            default: return nil
            }
        }
    }

    /// 批准文号 — the approval number, the batch's key.
    public var approvalNumber: String
    public var name: String?
    public var kind: Kind
    public var approvedOn: CivilDate
    public var zone: String?
    /// The approved area the file declares, mu (compared with landbank's own, never used in sums).
    public var declaredAreaMu: Double?
    /// The batch polygon in the registry CRS.
    public var geometry: MultiPolygon
    /// Areas measured by landbank (LandbankGeodesy), m²; cadastral nil in a geographic registry.
    public var cadastralAreaM2: Double?
    public var ellipsoidalAreaM2: Double

    public init(approvalNumber: String, name: String? = nil, kind: Kind, approvedOn: CivilDate, zone: String? = nil,
                declaredAreaMu: Double? = nil, geometry: MultiPolygon, cadastralAreaM2: Double?, ellipsoidalAreaM2: Double) {
        self.approvalNumber = approvalNumber
        self.name = name
        self.kind = kind
        self.approvedOn = approvedOn
        self.zone = zone
        self.declaredAreaMu = declaredAreaMu
        self.geometry = geometry
        self.cadastralAreaM2 = cadastralAreaM2
        self.ellipsoidalAreaM2 = ellipsoidalAreaM2
    }
}

/// A disposal planned for a parcel on the inefficient-land list ("one plot, one plan", 一地一策).
public struct InefficiencyPlan: Sendable, Codable, Equatable {
    public var parcelID: String
    public var method: DisposalMethod
    /// The date the disposal is intended for.
    public var plannedFor: CivilDate
    public var note: String?
    public var recordedBy: String
    public var recordedAt: String

    public init(parcelID: String, method: DisposalMethod, plannedFor: CivilDate, note: String? = nil, recordedBy: String, recordedAt: String) {
        self.parcelID = parcelID
        self.method = method
        self.plannedFor = plannedFor
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", method, plannedFor = "planned_for", note, recordedBy = "recorded_by", recordedAt = "recorded_at"
    }
}

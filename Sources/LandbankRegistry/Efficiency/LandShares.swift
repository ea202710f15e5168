import LandbankGeodesy

/// The land an enterprise uses on one parcel, and how the share was taken.
public struct LandShare: Sendable, Encodable, Equatable {
    public enum Basis: String, Sendable, Encodable {
        /// The firm holds the whole parcel.
        case whole
        /// A tenant of floor space: its floor space ÷ the parcel's floor space × the parcel's area.
        case proRata = "pro_rata"
        /// The firm holds the parcel and lets floor space to tenants: the parcel's area less their shares.
        case remainder
    }
    public var parcelID: String
    /// Cadastral mu (unrounded).
    public var mu: Double
    public var basis: Basis
    public var floorSpaceM2: Double?
    /// The parcel's floor space the share is taken of (its buildings', or the tenants' declared sum when larger).
    public var parcelFloorSpaceM2: Double?
    public var parcelMu: Double
    /// In words, e.g. "tenant: 3000 m² of the 12000 m² in the parcel's buildings × 18.000 mu = 4.500 mu".
    public var explanation: String

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", mu, basis, floorSpaceM2 = "floor_space_m2", parcelFloorSpaceM2 = "parcel_floor_space_m2"
        case parcelMu = "parcel_mu", explanation
    }
}

/// Shares of parcels among the enterprises on them, for one year. Store-agnostic: it reads values only.
enum LandShares {
    /// `parcelMu`: each parcel's cadastral mu; `floor`: each parcel's registered buildings' floor area, m².
    /// Throws (a one-line reason) when two enterprises each claim a whole parcel.
    static func compute(_ rows: [EnterpriseFigures], parcelMu: [String: Double],
                        floor: [String: Double]) throws(GradingProblem) -> [String: [LandShare]] {
        var out: [String: [LandShare]] = [:]
        for (parcel, on) in Dictionary(grouping: rows, by: \.parcelID).sorted(by: { $0.key < $1.key }) {
            let mu = parcelMu[parcel] ?? 0
            let holders = on.filter { $0.floorSpaceM2 == nil }.sorted { $0.enterpriseID < $1.enterpriseID }
            let tenants = on.filter { $0.floorSpaceM2 != nil }.sorted { $0.enterpriseID < $1.enterpriseID }
            if holders.count > 1 {
                throw GradingProblem("parcel \(parcel) is held whole by \(holders.map(\.enterpriseID).joined(separator: " and ")) in \(holders[0].year); give the tenants their floor_space_m2")
            }
            let declared = tenants.reduce(0) { $0 + $1.floorSpaceM2! }
            let built = floor[parcel] ?? 0
            let denominator = max(built, declared)
            let of = built >= declared
                ? "of the \(fmt(built, 0)) m² in the parcel's buildings"
                : "of the \(fmt(declared, 0)) m² its tenants declare (the parcel's registered buildings have \(fmt(built, 0)) m²)"
            var let_ = 0.0
            for t in tenants {
                let share = t.floorSpaceM2! / denominator * mu
                let_ += share
                out[t.enterpriseID, default: []].append(LandShare(
                    parcelID: parcel, mu: share, basis: .proRata, floorSpaceM2: t.floorSpaceM2, parcelFloorSpaceM2: denominator, parcelMu: mu,
                    explanation: "tenant of \(fmt(t.floorSpaceM2!, 0)) m² \(of) × \(fmt(mu, 3)) mu = \(fmt(share, 3)) mu"))
            }
            if let h = holders.first {
                let rest = max(0, mu - let_)
                out[h.enterpriseID, default: []].append(LandShare(
                    parcelID: parcel, mu: rest, basis: tenants.isEmpty ? .whole : .remainder, floorSpaceM2: nil,
                    parcelFloorSpaceM2: tenants.isEmpty ? nil : denominator, parcelMu: mu,
                    explanation: tenants.isEmpty ? "whole parcel, \(fmt(mu, 3)) mu"
                        : "holds the parcel: \(fmt(mu, 3)) mu less its tenants' \(fmt(let_, 3)) mu = \(fmt(rest, 3)) mu"))
            }
        }
        return out
    }

    static func fmt(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }
}

/// A reason the figures cannot be graded as they stand (two firms holding one parcel whole).
struct GradingProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

import Foundation
import LandbankLifecycle
import LandbankRegistry

/// Every zone's policy, read from the registry once per process; a zone without one has the default policy.
public struct PolicyBook: Sendable {
    public var policies: [String: ZonePolicy]
    /// The zones the registry's parcels lie in (nil in the list: parcels without a zone), read with the
    /// policies; nil when not known (a book made from policies alone).
    public var parcelZones: [String?]?

    public init(_ policies: [String: ZonePolicy] = [:]) { self.policies = policies }

    /// Reads and checks every stored policy; a stored policy this version cannot read throws, naming the zone.
    public init(registry: Registry) throws {
        var out: [String: ZonePolicy] = [:]
        let (stored, zones) = try registry.zonePolicyJSONAndParcelZones()
        for (zone, json) in stored {
            out[zone] = try ZonePolicy.read(Data(json.utf8), zone: zone)
        }
        policies = out
        parcelZones = zones
    }

    public func policy(_ zone: String?) -> ZonePolicy { zone.flatMap { policies[$0] } ?? ZonePolicy() }

    /// Every land status some zone offers (a query per status runs, each result kept only where its zone offers it).
    var landStatuses: [ParcelStatus] { union(\.availableStatuses) }
    var floorStatuses: [ParcelStatus] { union(\.availableFloorStatuses) }

    private func union(_ key: KeyPath<ZonePolicy, [ParcelStatus]>) -> [ParcelStatus] {
        let all = Set(policies.values.flatMap { $0[keyPath: key] } + ZonePolicy()[keyPath: key])
        return ParcelStatus.allCases.filter(all.contains)
    }
}

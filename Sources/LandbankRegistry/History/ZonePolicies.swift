import Foundation

/// Each zone's admission policy, kept as JSON text. The matcher (LandbankMatching) owns the policy's type and
/// its validation; the registry keeps what it is given, and who set it when.
extension Registry {
    /// The policy of `zone` as stored, or nil when the zone has none.
    public func zonePolicyJSON(zone: String) throws -> String? {
        try allZonePolicyJSON()[zone]
    }

    /// Every stored policy, by zone.
    public func allZonePolicyJSON() throws -> [String: String] {
        try store.read { try $0.zonePolicies() }
    }

    /// Every stored policy, by zone, and the distinct zones of the parcels (nil for parcels without one), read
    /// in one snapshot.
    public func zonePolicyJSONAndParcelZones() throws -> (policies: [String: String], zones: [String?]) {
        try store.read { (try $0.zonePolicies(), try $0.parcelZones()) }
    }

    /// Sets (or replaces) the policy of `zone` in one write transaction.
    public func setZonePolicyJSON(zone: String, json: String, by recordedBy: String) throws {
        try setZonePolicyJSON([zone: json], by: recordedBy)
    }

    /// Sets (or replaces) the policies of several zones in one write transaction: all of them or none. Each
    /// must be a JSON object (the caller has validated its contents); anything else is refused.
    public func setZonePolicyJSON(_ policies: [String: String], by recordedBy: String) throws {
        for (zone, json) in policies {
            guard !zone.isEmpty, !zone.contains("\0") else {
                throw RegistryError(path: path, kind: .invalidArgument, "a zone policy needs a zone name")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)), object is [String: Any] else {
                throw RegistryError(path: path, kind: .invalidArgument, "the policy of zone \(zone) is not a JSON object")
            }
        }
        let now = ISO8601DateFormatter().string(from: Date())
        try store.write { w in
            for (zone, json) in policies.sorted(by: { $0.key < $1.key }) {
                try w.putZonePolicy(zone: zone, json: json, at: now, by: recordedBy)
            }
        }
    }
}

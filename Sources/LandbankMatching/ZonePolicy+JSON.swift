import Foundation
import LandbankLifecycle

/// A zone policy as JSON: reading with every key checked, and writing back the same keys.
extension ZonePolicy {
    static let keys = ["leading_industries", "refused_industries", "min_investment_intensity_wan_per_mu",
                       "min_tax_wan_per_mu_year", "min_output_wan_per_mu_year", "max_energy_tce_per_wan_output",
                       "min_plot_ratio", "available_statuses", "available_floor_statuses"]

    /// Reads one policy; `zone` names it in errors.
    public static func read(_ data: Data, zone: String) throws(MatchInputError) -> ZonePolicy {
        let subject = "policy of zone \(zone)"
        let tree: JSONTree
        do { tree = try JSONTree.parse(data) } catch {
            throw MatchInputError(subject: subject, key: nil, reason: "\(error)")
        }
        return try read(tree, subject: subject)
    }

    /// Reads a JSON object keyed by zone, each value a policy; every bad policy is listed.
    public static func readAll(_ data: Data, file: String) throws -> [(zone: String, policy: ZonePolicy)] {
        let tree: JSONTree
        do { tree = try JSONTree.parse(data) } catch {
            throw MatchInputErrors(file: file, errors: [MatchInputError(subject: "the file", key: nil, reason: "\(error)")])
        }
        guard case .object(let zones) = tree, !zones.isEmpty else {
            throw MatchInputErrors(file: file, errors: [MatchInputError(subject: "the file", key: nil,
                reason: "must be a JSON object keyed by zone, each value a policy")])
        }
        var out: [(String, ZonePolicy)] = [], errors: [MatchInputError] = []
        for zone in zones.keys.sorted() {
            do { out.append((zone, try read(zones[zone]!, subject: "policy of zone \(zone)"))) }
            catch { errors.append(error) }
        }
        if !errors.isEmpty { throw MatchInputErrors(file: file, errors: errors) }
        return out
    }

    static func read(_ tree: JSONTree, subject: String) throws(MatchInputError) -> ZonePolicy {
        guard case .object(let o) = tree else {
            throw MatchInputError(subject: subject, key: nil, reason: "must be an object, not \(tree.kind)")
        }
        let r = KeyReader(o, subject: subject)
        try r.refuseUnknown(keys)
        var p = ZonePolicy()
        p.leadingIndustries = try industries(r, "leading_industries")
        p.refusedIndustries = try industries(r, "refused_industries")
        if let both = p.leadingIndustries.first(where: p.refusedIndustries.contains) {
            throw r.error("refused_industries", "\(both.rawValue) is also a leading industry")
        }
        p.minInvestmentIntensityWanPerMu = try r.measure("min_investment_intensity_wan_per_mu")
        p.minTaxWanPerMuYear = try r.measure("min_tax_wan_per_mu_year")
        p.minOutputWanPerMuYear = try r.measure("min_output_wan_per_mu_year")
        p.maxEnergyTcePerWanOutput = try r.measure("max_energy_tce_per_wan_output")
        p.minPlotRatio = try r.measure("min_plot_ratio")
        if let s = try statuses(r, "available_statuses") { p.availableStatuses = s }
        if let s = try statuses(r, "available_floor_statuses") { p.availableFloorStatuses = s }
        return p
    }

    static func industries(_ r: KeyReader, _ key: String) throws(MatchInputError) -> [Industry] {
        guard let v = r.value(key) else { return [] }
        guard case .array(let items) = v else { throw r.error(key, "must be an array of industry codes, not \(v.kind)") }
        var out: [Industry] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item, let ind = Industry(text: s) else {
                throw r.error("\(key)[\(i)]", "unknown industry code \(item == .null ? "null" : "\(item)".prefix(40)) (known: \(Industry.codes))")
            }
            out.append(ind)
        }
        return out
    }

    static func statuses(_ r: KeyReader, _ key: String) throws(MatchInputError) -> [ParcelStatus]? {
        guard let names = try r.strings(key) else { return nil }
        var out: [ParcelStatus] = []
        for (i, n) in names.enumerated() {
            guard let s = ParcelStatus(text: n) else {
                throw r.error("\(key)[\(i)]", "unknown status \"\(n.prefix(40))\" (known: \(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            out.append(s)
        }
        return out
    }

    /// The policy as a JSON object text, sorted keys; defaults written out so that `policy show` says them.
    public var json: String {
        var o: [String: Any] = [
            "leading_industries": leadingIndustries.map(\.rawValue),
            "refused_industries": refusedIndustries.map(\.rawValue),
            "available_statuses": availableStatuses.map(\.rawValue),
            "available_floor_statuses": availableFloorStatuses.map(\.rawValue),
        ]
        let gates: [(String, Double?)] = [
            ("min_investment_intensity_wan_per_mu", minInvestmentIntensityWanPerMu), ("min_tax_wan_per_mu_year", minTaxWanPerMuYear),
            ("min_output_wan_per_mu_year", minOutputWanPerMuYear), ("max_energy_tce_per_wan_output", maxEnergyTcePerWanOutput),
            ("min_plot_ratio", minPlotRatio),
        ]
        for (k, v) in gates { if let v { o[k] = v } }
        // Only strings, numbers and arrays of strings: serialisation cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

import Foundation
import LandbankLifecycle

/// Reads demands from JSON: one object or an array of them. Every key is checked (name, type, range) and
/// every bad demand reported; the registry-dependent checks (area of use, zone names) are `DemandCheck`'s.
public enum DemandReader {
    public static let keys = ["id", "name", "industry", "wants", "land_mu", "floor_space_m2", "clear_height_m",
                              "floor_load_kn_m2", "power_kva", "crane_t", "near", "zones",
                              "max_land_price_yuan_per_mu", "max_rent_yuan_m2_month", "available_by",
                              "investment_yuan", "annual_tax_yuan", "annual_output_yuan", "energy_tce_per_year",
                              "plot_ratio", "prefer"]

    /// The demands of a file's text; a syntax error or any bad demand throws `MatchInputErrors` naming `file`.
    /// `check` is asked of each demand that reads well (the registry's checks, `DemandCheck`), so that every bad
    /// demand is listed, in the file's order, whichever check refuses it.
    public static func read(_ data: Data, file: String,
                            checking check: (Demand) throws -> MatchInputError? = { _ in nil }) throws -> [Demand] {
        let tree: JSONTree
        do { tree = try JSONTree.parse(data) } catch {
            throw MatchInputErrors(file: file, errors: [MatchInputError(subject: "the file", key: nil, reason: "\(error)")])
        }
        let items: [JSONTree]
        switch tree {
        case .array(let a): items = a
        case .object: items = [tree]
        default:
            throw MatchInputErrors(file: file, errors: [MatchInputError(subject: "the file", key: nil,
                reason: "holds \(tree.kind); give one demand (an object) or an array of them")])
        }
        if items.isEmpty {
            throw MatchInputErrors(file: file, errors: [MatchInputError(subject: "the file", key: nil, reason: "holds no demand")])
        }
        var demands: [Demand] = [], errors: [MatchInputError] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let d: Demand
            do { d = try demand(item, position: i + 1) } catch { errors.append(error); continue }
            if let first = seen[d.id] {
                errors.append(MatchInputError(subject: "demand \(d.id)", key: "id", reason: "repeats demand #\(first)'s id"))
                continue
            }
            seen[d.id] = i + 1
            if let e = try check(d) { errors.append(e) } else { demands.append(d) }
        }
        if !errors.isEmpty { throw MatchInputErrors(file: file, errors: errors) }
        return demands
    }

    /// One demand from its JSON object; the first problem throws.
    static func demand(_ tree: JSONTree, position: Int) throws(MatchInputError) -> Demand {
        guard case .object(let o) = tree else {
            throw MatchInputError(subject: "demand #\(position)", key: nil, reason: "is \(tree.kind), not an object")
        }
        var subject = "demand #\(position) (no id)"
        guard let idValue = o["id"] else { throw MatchInputError(subject: subject, key: "id", reason: "is missing") }
        guard case .string(let id) = idValue, !id.trimmingCharacters(in: .whitespaces).isEmpty, id.count <= 255 else {
            throw MatchInputError(subject: subject, key: "id", reason: "must be a non-empty string of at most 255 characters, not \(idValue.kind)")
        }
        subject = "demand \(id)"
        let r = KeyReader(o, subject: subject)
        try r.refuseUnknown(keys)
        var d = Demand(id: id)
        d.name = try r.string("name")
        if let text = try r.string("industry") {
            guard let i = Industry(text: text) else {
                throw r.error("industry", "unknown industry code \"\(text.prefix(40))\" (known: \(Industry.codes))")
            }
            d.industry = i
        }
        d.landMu = try r.bounds("land_mu", unit: "mu")
        d.floorSpaceM2 = try r.bounds("floor_space_m2", unit: "m²")
        if let text = try r.string("wants") {
            guard let w = Demand.Wants(rawValue: text) else {
                throw r.error("wants", "must be land, floor_space or either, not \"\(text.prefix(40))\"")
            }
            d.wants = w
        } else {
            // Said by the ranges given: a land range alone asks for land, a floor-space range alone for floor space.
            d.wants = d.landMu != nil && d.floorSpaceM2 == nil ? .land : d.floorSpaceM2 != nil && d.landMu == nil ? .floorSpace : .either
        }
        d.clearHeightM = try r.measure("clear_height_m")
        d.floorLoadKNm2 = try r.measure("floor_load_kn_m2")
        d.powerKVA = try r.measure("power_kva")
        d.craneT = try r.measure("crane_t")
        d.near = try r.near("near")
        d.zones = try r.strings("zones")
        d.maxLandPriceYuanPerMu = try r.measure("max_land_price_yuan_per_mu")
        d.maxRentYuanM2Month = try r.measure("max_rent_yuan_m2_month")
        if let text = try r.string("available_by") {
            guard let date = CivilDate(text) else { throw r.error("available_by", "\"\(text.prefix(40))\" is not a date YYYY-MM-DD") }
            d.availableBy = date
        }
        d.investmentYuan = try r.measure("investment_yuan")
        d.annualTaxYuan = try r.measure("annual_tax_yuan")
        d.annualOutputYuan = try r.measure("annual_output_yuan")
        d.energyTcePerYear = try r.measure("energy_tce_per_year")
        d.plotRatio = try r.measure("plot_ratio")
        d.prefer = try preferences(r, demand: d)
        return d
    }

    static func preferences(_ r: KeyReader, demand d: Demand) throws(MatchInputError) -> Preferences {
        guard let tree = r.object["prefer"], tree != .null else { return Preferences() }
        guard case .object(let o) = tree else { throw r.error("prefer", "must be an object of wishes and weights, not \(tree.kind)") }
        let p = KeyReader(o, subject: r.subject, prefix: "prefer.")
        try p.refuseUnknown(Preferences.keys)
        var out = Preferences()
        out.nearer = try p.weight("nearer")
        out.areaFit = try p.weight("area_fit")
        out.standardFactory = try p.weight("standard_factory")
        out.lowerCost = try p.weight("lower_cost")
        out.fewParcels = try p.weight("few_parcels")
        out.compact = try p.weight("compact")
        out.leadingIndustry = try p.weight("leading_industry")
        if let z = o["zones"], z != .null {
            guard case .object(let zones) = z else { throw p.error("zones", "must be an object of zone names and weights, not \(z.kind)") }
            let zr = KeyReader(zones, subject: r.subject, prefix: "prefer.zones.")
            for name in zones.keys.sorted() { out.zones[name] = try zr.weight(name) }
        }
        if out.nearer != nil, d.near == nil { throw p.error("nearer", "needs a near point (near.lon, near.lat, near.max_km)") }
        if out.areaFit != nil, d.landMu?.target == nil, d.floorSpaceM2?.target == nil {
            throw p.error("area_fit", "needs land_mu or floor_space_m2 to fit")
        }
        if out.leadingIndustry != nil, d.industry == nil { throw p.error("leading_industry", "needs the demand's industry") }
        return out
    }
}

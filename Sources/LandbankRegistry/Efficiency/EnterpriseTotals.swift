import LandbankLifecycle

/// An enterprise's figures for a year, summed over its rows (one row per parcel). A figure is missing when no
/// row gives it; rows that leave it empty add nothing (a firm may state its figures once, on one row).
public struct EnterpriseTotals: Sendable, Encodable {
    public var enterpriseID: String
    public var name: String?
    public var tax: Money?
    public var valueAdded: Money?
    public var sales: Money?
    public var rd: Money?
    public var investment: Money?
    /// Where the investment came from: "file" (investment_yuan), "supply contracts" (investment made on the
    /// parcels the firm holds), or nil when missing.
    public var investmentSource: String?
    public var energyTCE: Double?
    public var emissionsT: Double?
    public var employees: Int?
    public var safetyIncidents: Int?
    public var environmentIncidents: Int?
    public var majorSafetyIncidents: Int?
    public var majorEnvironmentIncidents: Int?

    init(_ rows: [EnterpriseFigures]) {
        enterpriseID = rows[0].enterpriseID
        name = rows.lazy.compactMap(\.name).first
        func money(_ k: KeyPath<EnterpriseFigures, Money?>) -> Money? {
            let v = rows.compactMap { $0[keyPath: k] }
            return v.isEmpty ? nil : v.reduce(.zero, +)
        }
        func number(_ k: KeyPath<EnterpriseFigures, Double?>) -> Double? {
            let v = rows.compactMap { $0[keyPath: k] }
            return v.isEmpty ? nil : v.reduce(0, +)
        }
        func count(_ k: KeyPath<EnterpriseFigures, Int?>) -> Int? {
            let v = rows.compactMap { $0[keyPath: k] }
            return v.isEmpty ? nil : v.reduce(0, +)
        }
        tax = money(\.tax)
        valueAdded = money(\.valueAdded)
        sales = money(\.sales)
        rd = money(\.rd)
        investment = money(\.investment)
        investmentSource = investment == nil ? nil : "file"
        energyTCE = number(\.energyTCE)
        emissionsT = number(\.emissionsT)
        employees = count(\.employees)
        safetyIncidents = count(\.safetyIncidents)
        environmentIncidents = count(\.environmentIncidents)
        majorSafetyIncidents = count(\.majorSafetyIncidents)
        majorEnvironmentIncidents = count(\.majorEnvironmentIncidents)
    }

    func count(_ f: VetoFact) -> Int? {
        switch f {
        case .majorSafetyIncidents: return majorSafetyIncidents
        case .majorEnvironmentIncidents: return majorEnvironmentIncidents
        case .safetyIncidents: return safetyIncidents
        case .environmentIncidents: return environmentIncidents
        }
    }
}

import Foundation
import LandbankLifecycle

extension Registry {
    /// The columns an enterprise file (CSV, or JSON objects with these keys) may hold.
    public static let enterpriseColumns = [
        "enterprise_id", "name", "parcel_id", "floor_space_m2", "tax_yuan", "value_added_yuan", "sales_yuan", "rd_yuan",
        "investment_yuan", "energy_tce", "emissions_t", "employees", "safety_incidents", "environment_incidents",
        "major_safety_incidents", "major_environment_incidents",
    ]

    /// Imports one year's enterprise figures in one transaction: all rows or none. Every bad row is named (file,
    /// row, column, reason) in the one error thrown. The year's rows of each enterprise in the file replace the
    /// rows it had for that year (a re-delivered export restates the firm); other enterprises are untouched.
    @discardableResult
    public func importEnterpriseFigures(path file: String, year: Int, recordedBy: String) throws -> EnterpriseImportSummary {
        guard (1900...2200).contains(year) else {
            throw RegistryError(path: self.path, kind: .invalidArgument, "year \(year): give a year from 1900 to 2200")
        }
        let rows = try ProjectRows.read(path: file, required: ["enterprise_id", "parcel_id"], listKey: "enterprises")
        let known: Set<String> = try store.read { r in
            var ids = Set<String>()
            try r.forEachParcel(ParcelFilter(), limit: nil) { ids.insert($0.parcelID) }
            return ids
        }
        var parsed: [EnterpriseFigures] = []
        var problems: [ImportError] = []
        var seen: [String: String] = [:]
        for row in rows {
            do {
                let f = try Self.enterpriseFigures(row, year: year)
                guard known.contains(f.parcelID) else { throw row.fail("column \"parcel_id\": parcel \(f.parcelID) is not in the registry") }
                let key = f.enterpriseID + "\u{1F}" + f.parcelID
                if let first = seen[key] { throw row.fail("repeats enterprise \(f.enterpriseID) on parcel \(f.parcelID) of \(first)") }
                seen[key] = row.position
                parsed.append(f)
            } catch let e as ImportError { problems.append(e) }
        }
        if let first = problems.first { throw Self.allProblems(first, problems) }
        let byEnterprise = Dictionary(grouping: parsed, by: \.enterpriseID)
        return try store.write { w in
            var s = EnterpriseImportSummary(year: year)
            for id in byEnterprise.keys.sorted() {
                s.replaced += try w.replaceEnterpriseFigures(year: year, enterpriseID: id, rows: byEnterprise[id]!,
                                                             recordedBy: recordedBy, at: Self.efficiencyNow())
                s.enterprises += 1
                s.rows += byEnterprise[id]!.count
            }
            return s
        }
    }

    /// The first bad row's error, naming the others in its reason (one line: "…; also row 5: …; row 9: …").
    static func allProblems(_ first: ImportError, _ all: [ImportError]) -> ImportError {
        guard all.count > 1 else { return first }
        var e = first
        let more = all.dropFirst().map { x -> String in
            let r: String
            if case .badAttribute(let s) = x.reason { r = s } else { r = "\(x.reason)" }
            return "\(x.position ?? "?"): \(r)"
        }
        if case .badAttribute(let s) = first.reason {
            e.reason = .badAttribute(s + "; \(all.count) bad rows in all, also " + more.joined(separator: "; "))
        }
        return e
    }

    static func efficiencyNow() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    static func enterpriseFigures(_ row: ProjectRow, year: Int) throws -> EnterpriseFigures {
        var row = row
        row.fields["project_id"] = row.fields["enterprise_id"]
        let floor = try row.area("floor_space_m2")
        if floor == 0 { throw row.fail("column \"floor_space_m2\": a tenant's floor space must be more than 0 (leave it empty for a whole parcel)") }
        func number(_ c: String) throws -> Double? {
            guard let v = row.text(c) else { return nil }
            guard let d = Double(v), d.isFinite, d >= 0 else { throw row.fail("column \"\(c)\": \"\(v)\" is not a number of 0 or more") }
            return d
        }
        return EnterpriseFigures(
            year: year, enterpriseID: try row.required("enterprise_id"), name: row.text("name"), parcelID: try row.required("parcel_id"),
            floorSpaceM2: floor, tax: try row.money("tax_yuan"), valueAdded: try row.money("value_added_yuan"),
            sales: try row.money("sales_yuan"), rd: try row.money("rd_yuan"), investment: try row.money("investment_yuan"),
            energyTCE: try number("energy_tce"), emissionsT: try number("emissions_t"), employees: try row.count("employees"),
            safetyIncidents: try row.count("safety_incidents"), environmentIncidents: try row.count("environment_incidents"),
            majorSafetyIncidents: try row.count("major_safety_incidents"),
            majorEnvironmentIncidents: try row.count("major_environment_incidents"))
    }

    /// The enterprise rows of a year (all years when nil), by enterprise and parcel.
    public func enterpriseFigures(year: Int?) throws -> [EnterpriseFigures] {
        try store.read { try $0.enterpriseFigures(year: year) }
    }
}

import LandbankLifecycle

/// A parcel proposed for the inefficient-land list (低效用地) by the grades of the enterprises on it.
public struct InefficiencyProposal: Sendable, Encodable {
    public var parcelID: String
    public var zone: String?
    public var parcelMu: Double
    /// e.g. "E07 graded D in 2024 (score 41.20; veto: 1 major safety incidents → at best D), uses 12.000 mu (whole parcel)".
    public var reasons: [String]
    /// The basis a clerk's confirmation records: "grade D 2024, policy 新余高新区…".
    public var basis: String

    enum CodingKeys: String, CodingKey { case parcelID = "parcel_id", zone, parcelMu = "parcel_mu", reasons, basis }
}

/// The grades of one year under one policy.
public struct GradeReport: Sendable, Encodable {
    public var year: Int
    public var policy: String
    public var enterprises: [EnterpriseGrade]
    public var counts: [String: Int]
    public var proposals: [InefficiencyProposal]
}

extension Registry {
    /// Grades every enterprise with figures for `year` (亩均评价): its land (cadastral mu: whole parcels, pro-rata
    /// floor space for tenants), its indicators, score, grade and vetoes, ranked best first; the parcels of C and
    /// D enterprises are proposed for the inefficient-land list.
    ///
    /// Investment intensity uses the file's `investment_yuan`; when a firm's rows give none, the investment made
    /// under the supply contracts of the parcels it holds whole (contracts in force at the end of the year).
    public func grade(year: Int, policy: GradingPolicy) throws -> GradeReport {
        let (rows, parcels, floor, contracts) = try store.read { r in
            var parcels: [String: Parcel] = [:]
            try r.forEachParcel(ParcelFilter(), limit: nil) { parcels[$0.parcelID] = $0 }
            var floor: [String: Double] = [:]
            for b in try r.buildings(ParcelFilter(), parcelID: nil, limit: nil) { floor[b.parcelID, default: 0] += b.floorAreaM2 }
            return (try r.enterpriseFigures(year: year), parcels, floor, try r.contracts(parcelID: nil))
        }
        let mu = parcels.mapValues { $0.cadastralAreaMu ?? $0.ellipsoidalAreaMu }
        let shares: [String: [LandShare]]
        do { shares = try LandShares.compute(rows, parcelMu: mu, floor: floor) } catch {
            throw RegistryError(path: path, kind: .conflict, error.reason)
        }
        let yearEnd = CivilDate(year: year, month: 12, day: 31)!
        var grades: [EnterpriseGrade] = []
        for (id, own) in Dictionary(grouping: rows, by: \.enterpriseID) {
            var t = EnterpriseTotals(own)
            let mine = (shares[id] ?? []).sorted { $0.parcelID < $1.parcelID }
            if t.investment == nil {
                let held = Set(mine.filter { $0.basis != .proRata }.map(\.parcelID))
                let made = contracts.filter { held.contains($0.parcelID) && ($0.terminatedOn.map { $0 > yearEnd } ?? true) }
                    .compactMap(\.contract.investmentMade)
                if !made.isEmpty { t.investment = made.reduce(.zero, +); t.investmentSource = "supply contracts" }
            }
            grades.append(Grading.grade(t, landMu: mine.reduce(0) { $0 + $1.mu }, shares: mine, policy: policy))
        }
        let ranked = Grading.ranked(grades)
        var counts = Dictionary(uniqueKeysWithValues: Grade.allCases.map { ($0.rawValue, 0) })
        for g in ranked { counts[g.grade.rawValue, default: 0] += 1 }
        return GradeReport(year: year, policy: policy.name, enterprises: ranked, counts: counts,
                           proposals: Self.proposals(ranked, year: year, policy: policy, parcels: parcels, mu: mu))
    }

    static func proposals(_ grades: [EnterpriseGrade], year: Int, policy: GradingPolicy, parcels: [String: Parcel],
                          mu: [String: Double]) -> [InefficiencyProposal] {
        var byParcel: [String: [(EnterpriseGrade, LandShare)]] = [:]
        for g in grades where g.grade >= .C {
            for s in g.shares { byParcel[s.parcelID, default: []].append((g, s)) }
        }
        return byParcel.keys.sorted().map { id in
            let on = byParcel[id]!.sorted { ($0.0.grade, $1.0.enterpriseID) > ($1.0.grade, $0.0.enterpriseID) }
            let reasons = on.map { g, s in
                "\(g.enterpriseID) graded \(g.grade.rawValue) in \(year) (score \(Grading.f(g.score, 2))"
                    + (g.vetoes.isEmpty ? "" : "; veto: " + g.vetoes.joined(separator: "; ")) + "), uses \(Grading.f(s.mu, 3)) mu ("
                    + (s.basis == .proRata ? "tenant, pro rata" : s.basis == .whole ? "whole parcel" : "holder, less its tenants") + ")"
            }
            let worst = on[0].0
            return InefficiencyProposal(parcelID: id, zone: parcels[id]?.zone, parcelMu: mu[id] ?? 0, reasons: reasons,
                                        basis: "grade \(worst.grade.rawValue) \(year) (\(worst.enterpriseID), score \(Grading.f(worst.score, 2))), policy \(policy.name)")
        }
    }
}

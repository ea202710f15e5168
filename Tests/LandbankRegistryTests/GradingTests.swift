import Foundation
import Testing
@testable import LandbankRegistry

/// Per-mu grading (亩均评价) on a hand-computed example.
@Suite("Per-mu grading")
struct GradingTests {
    /// Weights 40+20+5+10+5+15+5 = 100; cap 1.2; A ≥ 90, B ≥ 70, C ≥ 50; a major safety incident → D.
    static let policy = """
        {"name":"test policy","cap":1.2,
         "indicators":[{"key":"tax_per_mu","weight":40,"benchmark":10},{"key":"value_added_per_mu","weight":20,"benchmark":50},
          {"key":"sales_per_mu","weight":5,"benchmark":200},{"key":"rd_share","weight":10,"benchmark":2},
          {"key":"value_added_rate","weight":5,"benchmark":25},{"key":"energy_per_value_added","weight":15,"benchmark":0.5},
          {"key":"labour_productivity","weight":5,"benchmark":20}],
         "grades":[{"grade":"A","min_score":90},{"grade":"B","min_score":70},{"grade":"C","min_score":50},{"grade":"D","min_score":0}],
         "vetoes":[{"fact":"major_safety_incidents","grade":"D"}]}
        """

    /// P1 200 × 100 m = 20000 m² = 30 mu; P2, P3, P5, P6 100 × 100 m = 15 mu; P4 200 × 100 m = 30 mu with a
    /// 12000 m² building shared by two tenants and its holder.
    func graded() throws -> (Registry, GradeReport) {
        let r = try EfficiencyLayout.registry([("P1", 588000, 3072000, 200, 100), ("P2", 588300, 3072000, 100, 100),
                                               ("P3", 588500, 3072000, 100, 100), ("P4", 588700, 3072000, 200, 100),
                                               ("P5", 589000, 3072000, 100, 100), ("P6", 589200, 3072000, 100, 100)])
        let b = try EfficiencyLayout.write("""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
            {"type":"Feature","id":"B4","properties":{"parcel_id":"P4","floor_area_m2":12000},"geometry":{"type":"Polygon","coordinates":[[[588710,3072010],[588790,3072010],[588790,3072090],[588710,3072090],[588710,3072010]]]}}]}
            """, name: "b.geojson")
        _ = try r.importBuildings(from: try FeatureSources.open(b))
        let csv = try EfficiencyLayout.write("""
            enterprise_id,name,parcel_id,floor_space_m2,tax_yuan,value_added_yuan,sales_yuan,rd_yuan,energy_tce,employees,major_safety_incidents
            E1,一号,P1,,2400000,18000000,60000000,900000,1800,100,0
            E2,二号,P2,,3000000,15000000,45000000,1350000,300,50,1
            E3,三号,P3,,1500000,7500000,30000000,600000,,50,
            E4,四号,P5,,750000,,,,,,
            E5,五号,P6,,750000,,,,,,
            H4,业主,P4,,,,,,,,
            T1,租户一,P4,3000,,,,,,,
            T2,租户二,P4,6000,,,,,,,
            """, name: "e.csv")
        let s = try r.importEnterpriseFigures(path: csv, year: 2024, recordedBy: "test")
        #expect(s.rows == 8 && s.enterprises == 8)
        return (r, try r.grade(year: 2024, policy: try GradingPolicy.parse(Data(Self.policy.utf8), name: "p.json")))
    }

    func one(_ r: GradeReport, _ id: String) throws -> EnterpriseGrade { try #require(r.enterprises.first { $0.enterpriseID == id }) }

    @Test("every indicator, weight and cut-off of a hand-computed enterprise")
    func handComputed() throws {
        let e1 = try one(try graded().1, "E1")
        #expect(abs(e1.landMu - 30) < 1e-9)
        // tax 240万 / 30 mu = 8 万元/亩 → 8/10 × 40 = 32; value added 1800万 / 30 = 60 → min(1.2, 1.2) × 20 = 24;
        // sales 6000万 / 30 = 200 → 1 × 5 = 5; R&D 90万 / 6000万 = 1.5 % → 0.75 × 10 = 7.5; value-added rate
        // 1800/6000 = 30 % → min(1.2, 1.2) × 5 = 6; energy 1800 tce / 1800 万元 = 1 tce/万元 → 0.5/1 × 15 = 7.5;
        // labour 1800万 / 100 = 18 万元/人 → 0.9 × 5 = 4.5. Sum 86.5: B (A needs 90).
        let expected: [GradeIndicator: (Double, Double)] = [
            .taxPerMu: (8, 32), .valueAddedPerMu: (60, 24), .salesPerMu: (200, 5), .rdShare: (1.5, 7.5),
            .valueAddedRate: (30, 6), .energyPerValueAdded: (1, 7.5), .labourProductivity: (18, 4.5),
        ]
        for i in e1.indicators {
            let (v, p) = try #require(expected[i.key])
            #expect(abs(i.value! - v) < 1e-9, "\(i.key)")
            #expect(abs(i.points - p) < 1e-9, "\(i.key)")
        }
        #expect(e1.score == 86.5 && e1.grade == .B && e1.vetoes.isEmpty)
        #expect(e1.explanation.hasPrefix("grade B (support (支持发展)): score 86.50, A needs 90.00"))
        #expect(e1.explanation.contains("Pulled down by: tax_per_mu 8.00 万元/亩 against 10.00 (32.00 of 40.00 points)"))
    }

    @Test("a major safety incident vetoes an A down to D, and the answer says so")
    func veto() throws {
        let e2 = try one(try graded().1, "E2")
        // Every ratio reaches the cap 1.2: tax 20 万元/亩 (2.0), value added 100 (2.0), sales 300 (1.5), R&D 3 %
        // (1.5), rate 33.3 % (1.33), energy 0.2 tce/万元 (0.5/0.2 = 2.5), labour 30 万元/人 (1.5): 1.2 × 100 = 120.
        #expect(e2.score == 120 && e2.scoreGrade == .A && e2.grade == .D)
        #expect(e2.vetoes == ["1 major safety incidents (at least 1) → at best D"])
        #expect(e2.explanation.contains("Veto: 1 major safety incidents"))
    }

    @Test("a missing figure is reported and scored 0, never silently")
    func missing() throws {
        let e3 = try one(try graded().1, "E3")
        let energy = try #require(e3.indicators.first { $0.key == .energyPerValueAdded })
        #expect(energy.value == nil && energy.points == 0 && energy.gap == "energy_tce missing")
        #expect(e3.totals.energyTCE == nil && e3.totals.majorSafetyIncidents == nil)
        // 40 + 20 + 5 + 10 + 5 + 0 + 0.75 × 5 = 83.75.
        #expect(e3.score == 83.75 && e3.grade == .B)
        #expect(e3.explanation.contains("Missing, scored 0: energy_per_value_added (energy_tce missing)"))
    }

    @Test("ties on the score are ordered by enterprise id and said; C and D parcels are proposed with reasons")
    func tiesAndProposals() throws {
        let report = try graded().1
        let e4 = try one(report, "E4"), e5 = try one(report, "E5")
        // 75万 / 15 mu = 5 万元/亩 → 0.5 × 40 = 20; everything else missing.
        #expect(e4.score == 20 && e5.score == 20 && e4.rank + 1 == e5.rank)
        #expect(e4.tie == "tied on 20.00 with E5; ordered by enterprise id")
        #expect(report.enterprises.map(\.enterpriseID).prefix(3) == ["E2", "E1", "E3"])
        #expect(Set(report.proposals.map(\.parcelID)) == ["P2", "P4", "P5", "P6"])
        let p2 = try #require(report.proposals.first { $0.parcelID == "P2" })
        #expect(p2.reasons[0].hasPrefix("E2 graded D in 2024 (score 120.00; veto: 1 major safety incidents"))
        #expect(p2.basis.hasPrefix("grade D 2024 (E2"))
        #expect(report.counts == ["A": 0, "B": 2, "C": 0, "D": 6])
    }

    @Test("floor-space tenants take the parcel pro rata; the holder keeps the rest")
    func proRata() throws {
        let report = try graded().1
        // P4 = 30 mu; its building 12000 m²: T1 3000/12000 × 30 = 7.5 mu, T2 6000/12000 × 30 = 15 mu, H4 the rest 7.5.
        let t1 = try one(report, "T1"), t2 = try one(report, "T2"), h4 = try one(report, "H4")
        #expect(abs(t1.landMu - 7.5) < 1e-9 && abs(t2.landMu - 15) < 1e-9 && abs(h4.landMu - 7.5) < 1e-9)
        #expect(t1.shares[0].basis == .proRata && h4.shares[0].basis == .remainder)
        #expect(t1.shares[0].explanation == "tenant of 3000 m² of the 12000 m² in the parcel's buildings × 30.000 mu = 7.500 mu")
    }

    @Test("an import names every bad row and writes nothing; empty cells stay missing")
    func badRows() throws {
        let (r, _) = try graded()
        let bad = try EfficiencyLayout.write("""
            enterprise_id,parcel_id,tax_yuan,employees
            X1,P1,12.345,3
            X2,NOPE,1,2
            X3,P2,5,many
            """, name: "bad.csv")
        #expect { try r.importEnterpriseFigures(path: bad, year: 2024, recordedBy: "t") } throws: { e in
            let d = "\(e)"
            return d.contains("bad.csv: row 1") && d.contains("column \"tax_yuan\"") && d.contains("3 bad rows")
                && d.contains("row 2: column \"parcel_id\": parcel NOPE is not in the registry") && d.contains("row 3: column \"employees\"")
        }
        #expect(try r.enterpriseFigures(year: 2024).count == 8)
        #expect(try r.enterpriseFigures(year: 2024).first { $0.enterpriseID == "E4" }?.valueAdded == nil)
    }

    @Test("a policy that re-weights missing figures scales the others up to 100, and says so")
    func reweight() throws {
        let (r, _) = try graded()
        let p = Self.policy.replacingOccurrences(of: "\"cap\":1.2,", with: "\"cap\":1.2,\"missing\":\"reweight\",")
        let e3 = try one(try r.grade(year: 2024, policy: try GradingPolicy.parse(Data(p.utf8), name: "p.json")), "E3")
        // E3 lacks energy (weight 15): the other 85 points scale by 100/85; its 83.75 becomes 83.75 × 100/85 = 98.53.
        #expect(e3.score == 98.53 && e3.grade == .A)
        #expect(e3.explanation.contains("Missing, left out, the other weights scaled up: energy_per_value_added"))
    }

    @Test("investment intensity falls back on the investment made under the supply contract of a parcel held whole")
    func investmentFromContract() throws {
        let (r, _) = try graded()
        try r.setContract(parcelID: "P1", SupplyContract(contractNumber: "C1", holder: "一号", landPrice: Money(fen: 1),
                                                         agreedStart: CivilDate("2020-01-01")!, investmentMade: Money(fen: 60_000_000_00)),
                          recordedBy: "t", date: CivilDate("2019-06-01")!)
        let p = Self.policy.replacingOccurrences(of: "{\"key\":\"sales_per_mu\",\"weight\":5,\"benchmark\":200}",
                                                 with: "{\"key\":\"investment_per_mu\",\"weight\":5,\"benchmark\":250}")
        let e1 = try one(try r.grade(year: 2024, policy: try GradingPolicy.parse(Data(p.utf8), name: "p.json")), "E1")
        // 6000万元 / 30 mu = 200 万元/亩 against 250: 0.8 × 5 = 4 points (sales' 5 points gone): 86.5 − 5 + 4 = 85.5.
        let i = try #require(e1.indicators.first { $0.key == .investmentPerMu })
        #expect(abs(i.value! - 200) < 1e-9 && abs(i.points - 4) < 1e-9 && e1.score == 85.5)
        #expect(e1.totals.investmentSource == "supply contracts")
    }

    @Test("a policy whose weights do not add up to 100 is refused in one line")
    func badPolicy() throws {
        let p = Self.policy.replacingOccurrences(of: "\"weight\":40", with: "\"weight\":45")
        #expect { _ = try GradingPolicy.parse(Data(p.utf8), name: "p.json") } throws: { "\($0)".contains("the weights add up to 105.0, not 100") }
        #expect(throws: Never.self) { _ = try GradingPolicy.read(path: fixture("grading-xinyu.json")) }
    }
}

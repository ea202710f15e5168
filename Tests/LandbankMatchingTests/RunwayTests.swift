import Foundation
import Testing
import LandbankLifecycle
import LandbankRegistry
@testable import LandbankMatching

/// The supply runway (尚可供应年限) on a hand-made zone, every figure computed by hand below.
///
/// Parcels (EPSG:4547, metres; 1 mu = 10000/15 m², so 100 m × 100 m = 15 mu):
///   S1 100×100 = 15 mu idle, S2 100×100 = 15 mu recovered touching S1 (block S1+S2 = 30 mu, class 30–100);
///   M1 200×200 = 60 mu approved_not_supplied, alone, zone 北区;
///   L1 400×500 = 300 mu recovered, L2 400×500 = 300 mu idle touching L1 (block 600 mu, class ≥ 500);
///   X 15 mu assigned and T 15 mu revitalized: not offered by default.
/// Buildings: B1 on S1 2,500 m² vacant (idle), B2 on M1 1,500 m² vacant (revitalized), B3 on X 5,000 m² vacant
/// (assigned: not offered).
/// Pipeline over 2 years: D1 land 10–20 (15 mu, < 30), D2 land min 25 (25, < 30), D3 land 40–80 (60, 30–100,
/// zones [北区]), D4 land 150–250 (200, 100–500), D5 floor 1,000–3,000 (2,000 m²), D6 land without land_mu
/// (not counted), D7 either with land 20–40 and floor space (land 30, class 30–100: 30 is in [30, 100)).
@Suite("Supply runway")
struct RunwayTests {
    typealias P = Layouts.P
    static let from = CivilDate("2025-01-01")!

    static func zone() throws -> Registry {
        try Layouts.registry([
            P(id: "S1", rings: [Layouts.rect(0, 0, 100, 100)], status: "idle"),
            P(id: "S2", rings: [Layouts.rect(100, 0, 100, 100)]),
            P(id: "M1", rings: [Layouts.rect(0, 500, 200, 200)], zone: "北区", status: "approved_not_supplied"),
            P(id: "L1", rings: [Layouts.rect(1000, 0, 400, 500)]),
            P(id: "L2", rings: [Layouts.rect(1400, 0, 400, 500)], status: "idle"),
            P(id: "X", rings: [Layouts.rect(3000, 0, 100, 100)], status: "assigned"),
            P(id: "T", rings: [Layouts.rect(3200, 0, 100, 100)], status: "revitalized"),
        ], buildings: [
            ("B1", Layouts.rect(10, 10, 50, 50), ["parcel_id": "S1", "floor_area_m2": 2500, "vacant_floor_area_m2": 2500, "status": "idle"]),
            ("B2", Layouts.rect(10, 510, 50, 50), ["parcel_id": "M1", "floor_area_m2": 3000, "vacant_floor_area_m2": 1500, "status": "revitalized"]),
            ("B3", Layouts.rect(3010, 10, 50, 50), ["parcel_id": "X", "floor_area_m2": 5000, "vacant_floor_area_m2": 5000, "status": "assigned"]),
        ])
    }

    static let pipeline = try! DemandReader.read(Data("""
        [{"id": "D1", "land_mu": {"min": 10, "max": 20}},
         {"id": "D2", "land_mu": {"min": 25}},
         {"id": "D3", "land_mu": {"min": 40, "max": 80}, "zones": ["北区"]},
         {"id": "D4", "land_mu": {"min": 150, "max": 250}},
         {"id": "D5", "floor_space_m2": {"min": 1000, "max": 3000}},
         {"id": "D6", "wants": "land"},
         {"id": "D7", "wants": "either", "land_mu": {"min": 20, "max": 40}, "floor_space_m2": {"min": 800}}]
        """.utf8), file: "pipeline.json")

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test("per size class: single parcels and joined blocks against the need a year, with the day each runs short")
    func classes() throws {
        let r = try Runway.measure(Self.pipeline, registry: try Self.zone(), book: PolicyBook(),
                                   options: RunwayOptions(years: 2, from: Self.from))
        let c = Dictionary(uniqueKeysWithValues: r.classes.map { ($0.sizeClass, $0) })
        #expect(r.classes.map(\.sizeClass) == SizeClass.allCases)
        // < 30: D1 15 + D2 25 = 40 mu over 2 years = 20 a year; S1 + S2 = 30 mu: 1.5 years, 2026-01-01 + 182 of 365 days.
        #expect(c[.under30]!.parcels.demands == 2 && Self.close(c[.under30]!.parcels.needPerYear, 20))
        #expect(c[.under30]!.parcels.sites == 2 && Self.close(c[.under30]!.parcels.available, 30))
        #expect(Self.close(c[.under30]!.parcels.years, 1.5) && c[.under30]!.parcels.runsShort == CivilDate("2026-07-02"))
        // 30–100: D3 60 + D7 30 = 90 over 2 = 45 a year; M1 60 mu: 4/3 years, 2026-01-01 + ⌊365/3⌋ = 121 days.
        #expect(c[.from30]!.parcels.demands == 2 && Self.close(c[.from30]!.parcels.available, 60))
        #expect(Self.close(c[.from30]!.parcels.years, 4.0 / 3) && c[.from30]!.parcels.runsShort == CivilDate("2026-05-02"))
        // 100–500: D4 200 over 2 = 100 a year; L1 + L2 = 600 mu: 6 years.
        #expect(Self.close(c[.from100]!.parcels.years, 6) && c[.from100]!.parcels.runsShort == CivilDate("2031-01-01"))
        // ≥ 500: no demand: never short, and no single parcel that big.
        #expect(c[.from500]!.parcels.years == nil && c[.from500]!.parcels.runsShort == nil && c[.from500]!.parcels.sites == 0)

        // Joined: S1+S2 (30 mu) moves to 30–100 and L1+L2 (600) to ≥ 500; < 30 and 100–500 have nothing left.
        #expect(c[.under30]!.joined.sites == 0 && c[.under30]!.joined.years == 0 && c[.under30]!.joined.runsShort == Self.from)
        // 30–100 joined: M1 60 + S1S2 30 = 90 mu ÷ 45 a year = 2 years.
        #expect(c[.from30]!.joined.sites == 2 && Self.close(c[.from30]!.joined.years, 2) && c[.from30]!.joined.runsShort == CivilDate("2027-01-01"))
        #expect(c[.from100]!.joined.years == 0)
        #expect(c[.from500]!.joined.sites == 1 && Self.close(c[.from500]!.joined.available, 600) && c[.from500]!.joined.years == nil)

        // All land: 15 + 25 + 60 + 200 + 30 = 330 over 2 = 165 a year; 15 + 15 + 60 + 300 + 300 = 690 mu:
        // 690/165 = 4.1818 years, 2029-01-01 + ⌊0.1818 × 365⌋ = 66 days.
        #expect(r.land.demands == 5 && r.land.sites == 5 && Self.close(r.land.available, 690))
        #expect(Self.close(r.land.years, 690.0 / 165) && r.land.runsShort == CivilDate("2029-03-08"))
        // Floor space: D5 2,000 m² over 2 = 1,000 a year; B1 2,500 + B2 1,500 = 4,000 m² (B3 is assigned): 4 years.
        #expect(r.floorSpace.demands == 1 && r.floorSpace.sites == 2 && Self.close(r.floorSpace.available, 4000))
        #expect(Self.close(r.floorSpace.years, 4) && r.floorSpace.runsShort == CivilDate("2029-01-01"))
        #expect(r.unsized == ["D6"] && r.elsewhere.isEmpty)
    }

    @Test("a zone's policy that offers revitalized land adds it to the stock, as the matcher would offer it")
    func policy() throws {
        var p = ZonePolicy()
        p.availableStatuses = [.idle, .recovered, .revitalized]
        let r = try Runway.measure(Self.pipeline, registry: try Self.zone(), book: PolicyBook(["测试区": p]),
                                   options: RunwayOptions(years: 2, from: Self.from))
        // < 30: S1 + S2 + T = 45 mu ÷ 20 a year = 2.25 years: 2027-01-01 + ⌊0.25 × 365⌋ = 91 days.
        let small = r.classes[0].parcels
        #expect(small.sites == 3 && Self.close(small.years, 2.25) && small.runsShort == CivilDate("2027-04-02"))
        // M1 (北区, default policy) is still offered; approved_not_supplied is no longer offered in 测试区 but none is there.
        #expect(r.classes[1].parcels.sites == 1)
    }

    @Test("--zone: only the zone's land and floor space, and only the demands that allow the zone")
    func zone() throws {
        let r = try Runway.measure(Self.pipeline, registry: try Self.zone(), book: PolicyBook(),
                                   options: RunwayOptions(years: 2, from: Self.from, zone: "测试区"))
        #expect(r.elsewhere == ["D3"])
        // 30–100: D7 30 over 2 = 15 a year; no single parcel of the class in 测试区 (M1 is in 北区): 0 years, short now.
        #expect(r.classes[1].parcels.demands == 1 && r.classes[1].parcels.sites == 0 && r.classes[1].parcels.years == 0)
        #expect(r.classes[1].parcels.runsShort == Self.from)
        // Joined: S1+S2 30 mu ÷ 15 = 2 years.
        #expect(Self.close(r.classes[1].joined.years, 2))
        // Floor space: B1 2,500 m² ÷ 1,000 a year = 2.5 years: 2027-01-01 + ⌊0.5 × 365⌋ = 182 days.
        #expect(Self.close(r.floorSpace.years, 2.5) && r.floorSpace.runsShort == CivilDate("2027-07-02"))
    }

    @Test("what a demand takes: the middle of its range or its one end; either with land takes land")
    func take() throws {
        func d(_ json: String) throws -> Demand { try Layouts.demand(json) }
        #expect(Runway.take(try d(#"{"id": "a", "land_mu": {"min": 10, "max": 20}}"#)) == .land(15))
        #expect(Runway.take(try d(#"{"id": "a", "land_mu": {"max": 20}}"#)) == .land(20))
        #expect(Runway.take(try d(#"{"id": "a", "wants": "either", "floor_space_m2": {"min": 900}}"#)) == .floor(900))
        #expect(Runway.take(try d(#"{"id": "a", "wants": "either", "land_mu": {"min": 9}, "floor_space_m2": {"min": 900}}"#)) == .land(9))
        #expect(Runway.take(try d(#"{"id": "a", "wants": "floor_space"}"#)) == .unsized)
        #expect(SizeClass(mu: 29.999) == .under30 && SizeClass(mu: 30) == .from30 && SizeClass(mu: 100) == .from100
                && SizeClass(mu: 500) == .from500)
    }

    @Test("the day a stock runs short: whole calendar years, then the fraction of the next year's days")
    func dates() {
        let leap = CivilDate("2024-02-29")!
        // One year from 2024-02-29 is 2025-02-28 (Civil Code Art. 202); half of the next 365 days is 182.
        #expect(Pace.date(after: 1, from: leap) == CivilDate("2025-02-28"))
        #expect(Pace.date(after: 1.5, from: leap) == CivilDate("2025-08-29"))
        #expect(Pace.date(after: 1.9999999999, from: Self.from) == CivilDate("2027-01-01"))
        #expect(Pace.date(after: 1001, from: Self.from) == nil)
        #expect(Pace.date(after: 999, from: CivilDate("9500-01-01")!) == nil)
    }
}

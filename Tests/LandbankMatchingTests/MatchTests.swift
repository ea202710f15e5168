import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Floor space and land on a small layout: four parcels 100 m apart in a row, a building on each of the first
/// three (B1 7.2 m clear, B2 9 m with unknown power, B3 9 m at 2,000 kVA), and rents 16, 17 and 18.
@Suite("Matching")
struct MatchTests {
    typealias P = Layouts.P

    static func layout() throws -> Registry {
        let parcels = (0..<4).map { i in P(id: "P\(i + 1)", rings: [Layouts.rect(Double(i) * 200, 0, 100, 100)]) }
        func building(_ i: Int, _ props: [String: Any]) -> (String, [[Double]], [String: Any]) {
            ("B\(i)", Layouts.rect(Double(i - 1) * 200 + 10, 10, 80, 80),
             ["parcel_id": "P\(i)", "floor_area_m2": 6400, "vacant_floor_area_m2": 6400, "status": "recovered",
              "floor_load_kn_m2": 10].merging(props) { _, b in b })
        }
        return try Layouts.registry(parcels, buildings: [
            building(1, ["clear_height_m": 7.2, "power_kva": 2000, "rent_yuan_m2_month": 16]),
            building(2, ["clear_height_m": 9, "rent_yuan_m2_month": 17]),
            building(3, ["clear_height_m": 9, "power_kva": 2000, "rent_yuan_m2_month": 18, "standard_factory": true]),
        ])
    }

    func floorDemand(_ r: Registry, _ extra: String = "") throws -> Demand {
        let (lon, lat) = try Layouts.lonLat(0, 50, in: r)
        return try Layouts.demand(#"{"id": "F", "wants": "floor_space", "floor_space_m2": {"min": 5000}, "clear_height_m": 8, "power_kva": 1000, "near": {"lon": \#(lon), "lat": \#(lat), "max_km": 5}\#(extra)}"#)
    }

    @Test("a building with unknown power ranks below one that has it, and says the power is missing")
    func reliability() throws {
        let r = try Self.layout()
        let a = try Matcher(registry: r).match(try floorDemand(r))
        #expect(a.candidates.map(\.building) == ["B3", "B2"])
        let b2 = a.candidates[1]
        // Asked: distance, floor space, clear height, power; power unknown.
        #expect(b2.reliability == 3.0 / 4.0)
        #expect(b2.missing == ["power (power_kva unknown)"])
        #expect(b2.reasons.contains("no data: power (power_kva unknown)"))
        #expect(a.candidates[0].reliability == 1)
    }

    @Test("near misses: the building short of clear height, with the figures, and which relaxation adds it")
    func nearMisses() throws {
        let r = try Self.layout()
        let a = try Matcher(registry: r).match(try floorDemand(r))
        let texts = a.nearMisses.map(\.text)
        #expect(texts.contains("B1 fails only on clear height: 7.2 m of 8 m"))
        #expect(texts.contains("accepting 0.8 m less clear height adds 1 site"))
        #expect(a.excluded["clear_height_m"] == 1 && a.excluded["power_kva"] == 0)
    }

    @Test("beyond the radius: counted and named as near misses, for each point anew on one matcher")
    func beyondTheRadius() throws {
        let r = try Self.layout()
        let matcher = try Matcher(registry: r)
        // Parcels of 100 × 100 m (15 mu) at x = 0, 200, 400, 600; 250 m around x = 0 holds P1 and P2, around
        // x = 650 P3 and P4. The sites found without the point are kept by the matcher for the next demand of the
        // same shape: the counts must still follow the point.
        for (x, inside, outside) in [(0.0, ["P1", "P2"], ["P3", "P4"]), (650, ["P4", "P3"], ["P1", "P2"])] {
            let (lon, lat) = try Layouts.lonLat(x, 50, in: r)
            let d = try Layouts.demand(#"{"id": "L", "wants": "land", "land_mu": {"min": 10}, "near": {"lon": \#(lon), "lat": \#(lat), "max_km": 0.25}}"#)
            let a = try matcher.match(d)
            #expect(a.candidates.map { $0.parcels } == inside.map { [$0] }, "x = \(x)")
            #expect(a.excluded["near.max_km"] == 2, "x = \(x)")
            #expect(a.excluded["land_mu"] == 0, "x = \(x)")
            let texts = a.nearMisses.map(\.text)
            for id in outside { #expect(texts.contains("\(id) fails only on distance: beyond the 0.25 km limit"), "x = \(x): \(texts)") }
            for id in inside { #expect(!texts.contains { $0.hasPrefix(id + " ") }, "x = \(x): \(texts)") }
        }
    }

    @Test("raising the rent limit: the smallest change that adds a site, and the one that adds them all")
    func rent() throws {
        let r = try Self.layout()
        var d = try floorDemand(r, #", "max_rent_yuan_m2_month": 15"#)
        d.clearHeightM = nil
        let a = try Matcher(registry: r).match(d)
        #expect(a.candidates.isEmpty)
        let texts = a.nearMisses.map(\.text)
        #expect(texts.first == "no site passes: rent (max_rent_yuan_m2_month) alone emptied the list; without it 3 sites would pass")
        #expect(texts.contains("raising the rent limit by 1 yuan/m² adds 1 site"))
        #expect(texts.contains("raising the rent limit by 3 yuan/m² adds 3 sites"))
    }

    @Test("soft wishes rank: nearer first by default, a standard factory first when wished hard enough")
    func ranking() throws {
        let r = try Self.layout()
        var d = try floorDemand(r)
        d.clearHeightM = nil
        d.powerKVA = nil
        let near = try Matcher(registry: r).match(d)
        #expect(near.candidates.map(\.building) == ["B1", "B2", "B3"])
        #expect(near.candidates[0].reasons[0].hasSuffix("km from the point (limit 5 km)"))
        d.prefer.nearer = 1
        d.prefer.standardFactory = 5
        let standard = try Matcher(registry: r).match(d)
        #expect(standard.candidates.first?.building == "B3")
        #expect(standard.candidates.first?.reasons.contains("a standard factory (标准厂房)") == true)
    }

    @Test("a zone's gates refuse a site with the margin in the zone's units, and a refused industry")
    func gates() throws {
        let r = try Self.layout()
        var p = ZonePolicy()
        p.minInvestmentIntensityWanPerMu = 150
        p.refusedIndustries = [.steel]
        try r.setZonePolicyJSON(zone: "测试区", json: p.json, by: "test")
        // 15 mu at 138 万元/亩 = 2,070 万元.
        let d = try Layouts.demand(#"{"id": "G", "industry": "lithium_battery", "land_mu": {"min": 10, "max": 20}, "investment_yuan": 20700000}"#)
        let a = try Matcher(registry: r).match(d)
        #expect(a.candidates.isEmpty)
        #expect(a.excluded["zone_policy"] == 4)
        #expect(a.nearMisses.contains { $0.text == "P1 fails only on investment intensity 138 万元/亩, 12 below the 150 gate of 测试区" })
        var steel = d
        steel.industry = .steel
        steel.investmentYuan = 30_000_000
        let refused = try Matcher(registry: r).match(steel)
        #expect(refused.candidates.isEmpty)
        #expect(refused.nearMisses.contains { $0.text == "P1 fails only on steel: 测试区 refuses steel (钢铁)" || $0.text.contains("测试区 refuses steel (钢铁)") })
        var enough = d
        enough.investmentYuan = 22_500_000
        #expect(try Matcher(registry: r).match(enough).candidates.count == 4)
    }

    @Test("a stored policy reads back; a bad policy names the zone and the key")
    func policies() throws {
        let r = try Self.layout()
        let json = #"{"leading_industries": ["锂电池"], "min_tax_wan_per_mu_year": 15, "available_statuses": ["idle", "recovered"]}"#
        let p = try ZonePolicy.read(Data(json.utf8), zone: "Z")
        try r.setZonePolicyJSON(zone: "Z", json: p.json, by: "test")
        #expect(try PolicyBook(registry: r).policies["Z"] == p)
        #expect(p.leadingIndustries == [.lithiumBattery] && p.availableStatuses == [.idle, .recovered])
        #expect(throws: MatchInputError(subject: "policy of zone Z", key: "min_tax_wan_per_mu_year", reason: "must be a number, not a string")) {
            _ = try ZonePolicy.read(Data(#"{"min_tax_wan_per_mu_year": "15"}"#.utf8), zone: "Z")
        }
        #expect(throws: MatchInputErrors.self) { _ = try ZonePolicy.readAll(Data(#"{"A": {"bogus": 1}, "B": {}}"#.utf8), file: "p.json") }
        #expect(throws: RegistryError.self) { try r.setZonePolicyJSON(zone: "Z", json: "[1]", by: "test") }
    }

    @Test("a point outside the registry's area of use and an unknown zone are refused, naming demand and key")
    func check() throws {
        let r = try Self.layout()
        var check = DemandCheck(registry: r, book: PolicyBook())
        let far = try Layouts.demand(#"{"id": "X", "near": {"lon": 27.8, "lat": 27.8, "max_km": 5}}"#)
        #expect(try check.problem(far)?.description.hasPrefix("demand X: near: lon 27.8, lat 27.8 lies outside the area of use of EPSG:4547") == true)
        let zone = try Layouts.demand(#"{"id": "Y", "zones": ["测试区", "火星区"]}"#)
        #expect(try check.problem(zone)?.description == "demand Y: zones[1]: unknown zone \"火星区\": no parcel and no policy names it")
        #expect(try check.problem(try Layouts.demand(#"{"id": "Z", "zones": ["测试区"]}"#)) == nil)
    }
}

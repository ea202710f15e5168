import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Property test: on random registries and random demands, no candidate ever breaks a hard requirement,
/// checked here from the records themselves, not through the matcher's own screening.
@Suite("Hard requirements are never violated")
struct HardConstraintTests {
    static let zones = ["甲区", "乙区", "丙区"]
    static let statuses = ["recovered", "idle", "revitalized", "under_recovery", "approved_not_supplied", "assigned"]

    static func registry(seed: UInt64) throws -> Registry {
        var g = SplitMix64(seed: seed)
        var parcels: [Layouts.P] = [], buildings: [(String, [[Double]], [String: Any])] = []
        for i in 0..<100 {
            let x = Double(i % 10) * 100, y = Double(i / 10) * 100
            // Squares of 60–100 m on a 100 m grid: some touch, some leave gaps.
            let side = Double(Int.random(in: 6...10, using: &g)) * 10
            parcels.append(Layouts.P(id: String(format: "Q%03d", i), rings: [Layouts.rect(x, y, side, side)],
                                     zone: zones.randomElement(using: &g)!, status: statuses.randomElement(using: &g)!))
            guard Bool.random(using: &g) else { continue }
            let floor = Double(Int.random(in: 1000...20000, using: &g))
            var p: [String: Any] = ["parcel_id": String(format: "Q%03d", i), "floor_area_m2": floor,
                                    "status": statuses.randomElement(using: &g)!, "standard_factory": Bool.random(using: &g)]
            func maybe(_ k: String, _ v: Any) { if Int.random(in: 0..<4, using: &g) > 0 { p[k] = v } }
            maybe("vacant_floor_area_m2", (floor * Double.random(in: 0...1, using: &g)).rounded())
            maybe("clear_height_m", Double(Int.random(in: 5...12, using: &g)))
            maybe("power_kva", Double(Int.random(in: 200...3000, using: &g)))
            maybe("rent_yuan_m2_month", Double(Int.random(in: 8...22, using: &g)))
            maybe("available_from", String(format: "2025-%02d-01", Int.random(in: 1...12, using: &g)))
            buildings.append((String(format: "Q%03d-B", i), Layouts.rect(x + 5, y + 5, 40, 40), p))
        }
        return try Layouts.registry(parcels, buildings: buildings)
    }

    static func demand(_ i: Int, _ g: inout SplitMix64, in r: Registry) throws -> Demand {
        var d = Demand(id: "R\(i)", wants: [.land, .floorSpace, .either].randomElement(using: &g)!)
        if Bool.random(using: &g) {
            let lo = Double(Int.random(in: 2...20, using: &g))
            d.landMu = Demand.Bounds(min: lo, max: Bool.random(using: &g) ? lo + Double(Int.random(in: 0...30, using: &g)) : nil)
        }
        if Bool.random(using: &g) { d.floorSpaceM2 = Demand.Bounds(min: Double(Int.random(in: 500...8000, using: &g))) }
        if Bool.random(using: &g) { d.clearHeightM = Double(Int.random(in: 5...12, using: &g)) }
        if Bool.random(using: &g) { d.powerKVA = Double(Int.random(in: 200...3000, using: &g)) }
        if Bool.random(using: &g) { d.maxRentYuanM2Month = Double(Int.random(in: 8...22, using: &g)) }
        if Bool.random(using: &g) { d.availableBy = CivilDateText.date(Int.random(in: 1...12, using: &g)) }
        if Bool.random(using: &g) { d.zones = Array(zones.shuffled(using: &g).prefix(Int.random(in: 1...2, using: &g))) }
        if Bool.random(using: &g) {
            let (lon, lat) = try Layouts.lonLat(Double.random(in: 0...1000, using: &g), Double.random(in: 0...1000, using: &g), in: r)
            d.near = Demand.Near(lon: lon, lat: lat, maxKm: Double.random(in: 0.1...0.8, using: &g))
        }
        return d
    }

    @Test("random registries and demands: every candidate meets every hard requirement", arguments: [1, 2, 3] as [UInt64])
    func property(seed: UInt64) throws {
        let r = try Self.registry(seed: seed)
        let matcher = try Matcher(registry: r)
        var g = SplitMix64(seed: seed &* 7919)
        var answered = 0
        for i in 0..<40 {
            let d = try Self.demand(i, &g, in: r)
            let a = try matcher.match(d, options: MatchOptions(limit: 50, toleranceM: 5, maxParcels: 4))
            answered += a.candidates.count
            for c in a.candidates {
                let site = c.site
                for p in site.parcels { #expect(d.zones.map { $0.contains(p.zone ?? "") } ?? true, "zone of \(p.parcelID)") }
                if let n = d.near { #expect((site.distanceKm ?? .infinity) <= n.maxKm + 1e-9) }
                if let b = site.building {
                    #expect(d.wants != .land)
                    #expect(["idle", "recovered", "revitalized"].contains(b.status?.rawValue ?? ""))
                    let vacant = b.vacantFloorAreaM2 ?? 0
                    #expect(vacant > 0 && vacant >= (d.floorSpaceM2?.min ?? 0))
                    for (need, have) in [(d.clearHeightM, b.clearHeightM), (d.powerKVA, b.powerKVA)] {
                        if let need, let have { #expect(have >= need) }
                    }
                    if let max = d.maxRentYuanM2Month, let rent = b.rentYuanM2Month { #expect(rent <= max) }
                    if let by = d.availableBy, let from = b.availableFrom { #expect(from <= by) }
                } else {
                    #expect(d.wants != .floorSpace)
                    for p in site.parcels { #expect(["idle", "recovered", "approved_not_supplied"].contains(p.status?.rawValue ?? "")) }
                    if let lo = d.landMu?.min { #expect(site.areaMu >= lo - 1e-9) }
                    if let hi = d.landMu?.max { #expect(site.areaMu <= hi + 1e-9) }
                    if site.parcels.count > 1 {
                        // Joined parcels are connected within the tolerance.
                        let ids = Set(site.parcelIDs)
                        var seen: Set<String> = [ids.first!], stack = [ids.first!]
                        while let v = stack.popLast() {
                            for n in try r.neighbours(of: v, tolerance: 5) where ids.contains(n.parcelID) && seen.insert(n.parcelID).inserted {
                                stack.append(n.parcelID)
                            }
                        }
                        #expect(seen == ids)
                    }
                }
            }
        }
        #expect(answered > 0)
    }
}

enum CivilDateText {
    static func date(_ month: Int) -> LandbankLifecycle.CivilDate { LandbankLifecycle.CivilDate(String(format: "2025-%02d-15", month))! }
}
import LandbankLifecycle

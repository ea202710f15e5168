import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Without the explanation, the joined sites of a demand wishing nearness are walked nearest first
/// (`JoinedSites.nearestFirst`), stopping once no farther set can rank; the answer must be exactly the one the
/// whole radius's assembly gives.
@Suite("Joined sites nearest first")
struct NearestJoinedTests {
    static let zones = ["甲区", "乙区"]

    /// Rows of touching strips of 100 m by 50–130 m (8–20 mu), some rows 3 m apart (a survey gap, within the
    /// tolerance) and some 20 m (a road, beyond it); a fifth in a status no zone offers.
    static func registry(seed: UInt64) throws -> Registry {
        var g = SplitMix64(seed: seed)
        var parcels: [Layouts.P] = []
        var y = 0.0
        for row in 0..<12 {
            var x = 0.0
            for col in 0..<12 {
                let w = Double(Int.random(in: 5...13, using: &g)) * 10
                let status = Int.random(in: 0..<5, using: &g) == 0 ? "assigned" : ["idle", "recovered"].randomElement(using: &g)!
                parcels.append(Layouts.P(id: String(format: "J%02d-%02d", row, col), rings: [Layouts.rect(x, y, w, 100)],
                                         zone: zones[col < 6 ? 0 : 1], status: status))
                x += w
            }
            y += 100 + [0, 0, 3, 20].randomElement(using: &g)!
        }
        return try Layouts.registry(parcels)
    }

    @Test("random demands needing joined parcels: the nearest-first candidates are the whole radius's", arguments: [11, 12, 13] as [UInt64])
    func sameAnswer(seed: UInt64) throws {
        let r = try Self.registry(seed: seed)
        var g = SplitMix64(seed: seed &* 31)
        var fewer = 0, compared = 0, rounds = 0
        for i in 0..<24 {
            var d = Demand(id: "J\(i)", wants: .land)
            let lo = Double(Int.random(in: 25...45, using: &g))
            d.landMu = Demand.Bounds(min: lo, max: Bool.random(using: &g) ? lo + Double(Int.random(in: 5...25, using: &g)) : nil)
            let (lon, lat) = try Layouts.lonLat(Double.random(in: 0...1300, using: &g), Double.random(in: 0...1300, using: &g), in: r)
            d.near = Demand.Near(lon: lon, lat: lat, maxKm: Double.random(in: 0.3...2, using: &g))
            d.prefer.nearer = Double(Int.random(in: 1...3, using: &g))
            if Bool.random(using: &g) { d.prefer.areaFit = 1 }
            if Bool.random(using: &g) { d.prefer.fewParcels = 1 }
            if Int.random(in: 0..<3, using: &g) == 0 { d.zones = [Self.zones.randomElement(using: &g)!] }
            let limit = Int.random(in: 1...6, using: &g)
            let most = Int.random(in: 2...4, using: &g)

            let firstRound = [1, 4, 16].randomElement(using: &g)!
            let (whole, nearest) = try NearestFirstTests.expectSameAnswer(d, limit: limit, in: r, maxParcels: most,
                                                                           firstRound: firstRound, "demand \(i)")
            #expect(whole.assembly?.exact == true, "demand \(i): the whole radius's assembly stopped at a limit")
            #expect(nearest.assembly?.exact == true, "demand \(i)")
            compared += 1
            if whole.candidates.contains(where: { $0.site.parcels.count > 1 }) {
                // The walk must stop early on some demands, or this test proves little.
                if let n = nearest.assembly?.sets, let w = whole.assembly?.sets, n < w { fewer += 1 }
                if (nearest.assembly?.parts ?? 0) > firstRound { rounds += 1 }
            }
        }
        #expect(compared == 24)
        #expect(fewer >= 3, "the nearest-first walk judged fewer sets than the whole radius on only \(fewer) demands")
        #expect(rounds >= 1, "no demand needed a second read of parts")
    }

    @Test("zones' gates: a zone refusing the industry is not searched, a part failing a per-mu gate joins no site; still the whole radius's answer",
          arguments: [21, 22] as [UInt64])
    func gatedZones(seed: UInt64) throws {
        let r = try Self.registry(seed: seed)
        try r.setZonePolicyJSON([Self.zones[0]: #"{"refused_industries": ["chemicals"]}"#,
                                 Self.zones[1]: #"{"min_investment_intensity_wan_per_mu": 150}"#], by: "t")
        var g = SplitMix64(seed: seed &* 977)
        var refused = 0, served = 0
        for i in 0..<16 {
            var d = Demand(id: "G\(i)", wants: .land)
            let lo = Double(Int.random(in: 25...40, using: &g))
            d.landMu = Demand.Bounds(min: lo, max: lo + Double(Int.random(in: 5...20, using: &g)))
            d.industry = Bool.random(using: &g) ? .chemicals : .electronicInformation
            // 150 万/亩 over 25-60 mu: some sets pass the gate of 乙区, larger ones fail it.
            d.investmentYuan = Double(Int.random(in: 40...90, using: &g)) * 1_000_000
            let (lon, lat) = try Layouts.lonLat(Double.random(in: 0...1300, using: &g), Double.random(in: 0...1300, using: &g), in: r)
            d.near = Demand.Near(lon: lon, lat: lat, maxKm: Double.random(in: 0.5...2, using: &g))
            d.prefer.nearer = 1
            let limit = Int.random(in: 1...5, using: &g)
            let (whole, nearest) = try NearestFirstTests.expectSameAnswer(d, limit: limit, in: r, firstRound: 4, "demand \(i)")
            if d.industry == .chemicals {
                refused += 1
                #expect(nearest.candidates.allSatisfy { !$0.site.zones.contains(Self.zones[0]) }, "demand \(i)")
            }
            if !whole.candidates.isEmpty { served += 1 }
        }
        #expect(refused > 0 && served > 0)
        // The search's view of a chemicals demand: the refusing zone left out; of one all zones refuse: nothing.
        let book = try PolicyBook(registry: r)
        var d = Demand(id: "c", wants: .land)
        d.industry = .chemicals
        #expect(Screen(demand: d, book: book).landSearch()?.zones == [Self.zones[1]])
        d.zones = [Self.zones[0]]
        #expect(Screen(demand: d, book: book).landSearch() == nil)
        d.industry = .electronicInformation
        #expect(Screen(demand: d, book: book).landSearch()?.zones == [Self.zones[0]])
    }

    @Test("parcels apart but for a cluster near the point: once the cluster is read, the radius's boxes show that no part not read joins any, and nothing more is read")
    func boxesCloseTheWalk() throws {
        // Four parcels of 60 m by 100 m (9 mu) 3 m apart (a survey gap) at the corner, and a grid of others 30 m
        // apart (a road): only the cluster's pairs (18 mu; the diagonal ones 4.2 m apart) reach 15-25 mu.
        var parcels: [Layouts.P] = []
        for (k, (x, y)) in [(0.0, 0.0), (63.0, 0.0), (0.0, 103.0), (63.0, 103.0)].enumerated() {
            parcels.append(Layouts.P(id: "C\(k)", rings: [Layouts.rect(x, y, 60, 100)], status: "idle"))
        }
        for i in 0..<10 {
            for j in 0..<10 where i >= 2 || j >= 2 {
                parcels.append(Layouts.P(id: String(format: "G%02d-%02d", i, j), rings: [Layouts.rect(Double(i) * 90, Double(j) * 130, 60, 100)], status: "idle"))
            }
        }
        let r = try Layouts.registry(parcels)
        var d = Demand(id: "cluster", wants: .land)
        d.landMu = Demand.Bounds(min: 15, max: 25)
        let (lon, lat) = try Layouts.lonLat(-50, -50, in: r)
        d.near = Demand.Near(lon: lon, lat: lat, maxKm: 2)
        d.prefer.nearer = 1
        let (whole, nearest) = try NearestFirstTests.expectSameAnswer(d, limit: 10, in: r, firstRound: 8, "cluster")
        #expect(whole.candidates.count == 6 && whole.candidates.allSatisfy { $0.site.parcels.count == 2 }, "\(whole.candidates.map(\.site.key))")
        #expect(nearest.assembly?.exact == true)
        // The first round's 8 parts, not the radius's 100.
        #expect(nearest.assembly?.parts == 8)
        #expect(whole.assembly?.parts == 100)
    }

    @Test("the walk's roots are each set's nearest part: sets rooted at a part hold only parts numbered after it")
    func rootsAreNearest() {
        // A path 0 - 1 - 2 - 3 with areas 10 each; sets of 20-30 mu.
        let adjacency = [[1], [0, 2], [1, 3], [2]]
        var walk = Assembly.Walk(Assembly(maxParcels: 3), areas: [10, 10, 10, 10], adjacency: adjacency, min: 20, max: 30)
        #expect(walk.sets(rootedAt: 0) == [[0, 1], [0, 1, 2]])
        #expect(walk.sets(rootedAt: 1, upTo: 2) == [[1, 2]])
        #expect(walk.sets(rootedAt: 2) == [[2, 3]])
        #expect(walk.sets(rootedAt: 3).isEmpty)
        #expect(walk.exact)
    }
}

import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Without the explanation, a demand that wishes nearness is answered nearest first, stopping early; the answer
/// must be exactly the one the whole radius gives.
@Suite("Nearest first")
struct NearestFirstTests {
    /// The candidates of `d` answered nearest first (first rounds of `firstRound` sites, so that several rounds run)
    /// must be those of the whole radius: the same sites, scores and reasons. Both answers are returned.
    @discardableResult
    static func expectSameAnswer(_ d: Demand, limit: Int, in r: Registry, maxParcels: Int = 3, firstRound: Int = 1,
                                 _ label: String) throws -> (whole: MatchAnswer, nearest: MatchAnswer) {
        let whole = try Matcher(registry: r).match(d, options: MatchOptions(limit: limit, maxParcels: maxParcels))
        var bare = MatchOptions(limit: limit, maxParcels: maxParcels, explain: false)
        bare.firstRound = firstRound
        let nearest = try Matcher(registry: r).match(d, options: bare)
        #expect(nearest.candidates.map(\.site.key) == whole.candidates.map(\.site.key), "\(label)")
        #expect(nearest.candidates.map(\.score) == whole.candidates.map(\.score), "\(label)")
        #expect(nearest.candidates.map(\.reasons) == whole.candidates.map(\.reasons), "\(label)")
        return (whole, nearest)
    }

    @Test("random registries and demands: the candidates found nearest first are those of the whole radius", arguments: [4, 5, 6] as [UInt64])
    func sameAnswer(seed: UInt64) throws {
        let r = try HardConstraintTests.registry(seed: seed)
        var g = SplitMix64(seed: seed &* 104_729)
        var shortcuts = 0, compared = 0
        for i in 0..<40 {
            var d = try HardConstraintTests.demand(i, &g, in: r)
            guard d.near != nil else { continue }
            // Nearness wished, sometimes with other wishes beside it.
            d.prefer.nearer = Double(Int.random(in: 1...3, using: &g))
            if Bool.random(using: &g) { d.prefer.standardFactory = 1 }
            if Bool.random(using: &g) { d.prefer.areaFit = 1 }
            d.near!.maxKm = Double.random(in: 0.3...1.5, using: &g)
            let limit = Int.random(in: 1...4, using: &g)
            try Self.expectSameAnswer(d, limit: limit, in: r, "demand \(i)")
            compared += 1
            // How often the shortcut stopped before the radius (it must, or this test proves little).
            let finder = SiteFinder(registry: r, book: try PolicyBook(registry: r), search: try SiteSearch(r))
            let judged = try NearestFirst(demand: d, finder: finder, screen: Screen(demand: d, book: finder.book),
                                          scorer: Scorer(demand: d, book: finder.book), limit: limit, firstRound: 1).find()
            let all = (d.wantsLand ? try finder.land(d).count : 0) + (d.wantsFloor ? try finder.floor(d).count : 0)
            if let judged, judged.count < all { shortcuts += 1 }
        }
        #expect(compared >= 10)
        #expect(shortcuts > 0, "the search never stopped early: \(compared) demands")
    }

    @Test("zones with gates the demands give no figures for (scores below the all-data bound): still the whole radius's answer",
          arguments: [(7, 3), (8, 2), (9, 3)] as [(UInt64, Int)])
    func gatedZones(seed: UInt64, gated: Int) throws {
        let r = try HardConstraintTests.registry(seed: seed)
        // Gates the random demands give no figures for (a missing datum each) in `gated` of the three zones, more
        // of them in the first; a zone without gates lets a farther site score higher.
        let gates = [#"{"min_investment_intensity_wan_per_mu": 100, "min_tax_wan_per_mu_year": 10, "min_plot_ratio": 1.0}"#,
                     #"{"min_investment_intensity_wan_per_mu": 100}"#, #"{"min_tax_wan_per_mu_year": 5}"#]
        try r.setZonePolicyJSON(Dictionary(uniqueKeysWithValues: (0..<gated).map { (HardConstraintTests.zones[$0], gates[$0]) }), by: "t")
        let book = try PolicyBook(registry: r)
        #expect(Set(try #require(book.parcelZones)) == Set(HardConstraintTests.zones))
        var g = SplitMix64(seed: seed &* 7_919)
        var capped = 0, compared = 0
        for i in 0..<40 {
            var d = try HardConstraintTests.demand(i, &g, in: r)
            guard d.near != nil else { continue }
            d.prefer.nearer = 1
            if Bool.random(using: &g) { d.prefer.areaFit = 1 }
            d.near!.maxKm = Double.random(in: 0.3...1.5, using: &g)
            let limit = Int.random(in: 1...4, using: &g)
            try Self.expectSameAnswer(d, limit: limit, in: r, "demand \(i)")
            compared += 1
            let finder = SiteFinder(registry: r, book: book, search: try SiteSearch(r))
            let cap = NearestFirst(demand: d, finder: finder, screen: Screen(demand: d, book: book),
                                   scorer: Scorer(demand: d, book: book), limit: limit).reliabilityCap()
            if cap < 1 { capped += 1 }
            // With a zone without gates, no cap.
            if gated < 3, d.zones == nil { #expect(cap == 1) }
        }
        #expect(compared >= 10)
        if gated == 3 { #expect(capped > 0, "no demand's bound was lowered: the test proves little") }
    }
}

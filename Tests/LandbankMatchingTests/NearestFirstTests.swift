import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Without the explanation, a demand that wishes nearness is answered nearest first, stopping early; the answer
/// must be exactly the one the whole radius gives.
@Suite("Nearest first")
struct NearestFirstTests {
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
            let whole = try Matcher(registry: r).match(d, options: MatchOptions(limit: limit, maxParcels: 3))
            var bare = MatchOptions(limit: limit, maxParcels: 3, explain: false)
            bare.firstRound = 1
            let nearest = try Matcher(registry: r).match(d, options: bare)
            #expect(nearest.candidates.map(\.site.key) == whole.candidates.map(\.site.key), "demand \(i)")
            #expect(nearest.candidates.map(\.score) == whole.candidates.map(\.score), "demand \(i)")
            #expect(nearest.candidates.map(\.reasons) == whole.candidates.map(\.reasons), "demand \(i)")
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
}

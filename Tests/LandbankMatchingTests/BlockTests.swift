import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

@Suite("Blocks")
struct BlockTests {
    typealias P = Layouts.P

    @Test("blocks join touching and 3 m-gap parcels, stop at a 20 m road, skip parcels not on offer")
    func blocks() throws {
        let r = try Layouts.registry([
            P(id: "A", rings: [Layouts.rect(0, 0, 100, 100)]), P(id: "B", rings: [Layouts.rect(100, 0, 100, 100)]),
            P(id: "C", rings: [Layouts.rect(0, 103, 100, 100)]), P(id: "D", rings: [Layouts.rect(-120, 0, 100, 100)]),
            P(id: "E", rings: [Layouts.rect(200, 0, 100, 100)], status: "revitalized"),
            P(id: "F", rings: [Layouts.rect(300, 0, 100, 100)], status: "idle"),
        ])
        let blocks = try BlockFinder.find(r, book: PolicyBook(), minMu: 20)
        #expect(blocks.map { $0.parcels.sorted() } == [["A", "B", "C"]])
        #expect(abs(blocks[0].areaMu - 45) < 1e-6)
        let all = try BlockFinder.find(r, book: PolicyBook(), minMu: 0, toleranceM: 0)
        #expect(Set(all.map { $0.parcels.sorted() }) == [["A", "B"], ["C"], ["D"], ["F"]])
        // A zone whose policy offers revitalized land too: E joins B and F.
        var p = ZonePolicy()
        p.availableStatuses = [.recovered, .idle, .revitalized]
        let wider = try BlockFinder.find(r, book: PolicyBook(["测试区": p]), minMu: 70)
        #expect(wider.map { $0.parcels.sorted() } == [["A", "B", "C", "E", "F"]])
    }
}

import Foundation
import Testing
import LandbankGeometry
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

    /// Squares of side 10 at x = 0, 10, 20… (touching) in groups of `n`.
    static func rows(_ groups: Int, _ n: Int) throws -> [[Geometry]] {
        try (0..<groups).map { g in
            try (0..<n).map { i in
                let x = Double(i) * 10, y = Double(g) * 100
                let ring = [Point(x: x, y: y), Point(x: x + 10, y: y), Point(x: x + 10, y: y + 10), Point(x: x, y: y + 10), Point(x: x, y: y)]
                return .polygon(try Polygon(rings: [ring]))
            }
        }
    }

    @Test("the blocks' unions on several threads come back in order, each the union of its own list")
    func unionsInOrder() throws {
        let lists = try Self.rows(40, 1).enumerated().map { g, _ in try Self.rows(1, g % 5 + 1)[0] }
        let shapes = try BlockFinder.unions(lists)
        #expect(shapes.map { ($0.area * 1000).rounded() / 1000 } == lists.map { Double($0.count) * 100 })
        #expect(shapes.allSatisfy { $0.geometry.polygons.count == 1 })
    }

    @Test("a cancelled task stops the unions with CancellationError (a server's client gone)")
    func unionsCancelled() async throws {
        let lists = try Self.rows(200, 4)
        let task = Task { () throws -> Int in
            withUnsafeCurrentTask { $0?.cancel() }
            return try BlockFinder.unions(lists).count
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

import Foundation
import Testing
import LandbankRegistry
@testable import LandbankMatching

/// Land assembly on hand-made layouts: 100 m squares are 15 mu each (10,000 m² ÷ 666.67).
@Suite("Land assembly")
struct AssemblyTests {
    typealias P = Layouts.P
    static func sq(_ id: String, _ x: Double, _ y: Double) -> P { P(id: id, rings: [Layouts.rect(x, y, 100, 100)]) }

    func joined(_ r: Registry, min: Double, max: Double, tolerance: Double = 5) throws -> [Candidate] {
        let d = try Layouts.demand(#"{"id": "J", "land_mu": {"min": \#(min), "max": \#(max)}}"#)
        return try Matcher(registry: r).match(d, options: MatchOptions(toleranceM: tolerance)).candidates
    }

    @Test("two touching parcels join into one site of 30 mu, one polygon")
    func touching() throws {
        let c = try joined(try Layouts.registry([Self.sq("A", 0, 0), Self.sq("B", 100, 0)]), min: 25, max: 35)
        #expect(c.count == 1 && c[0].parcels.sorted() == ["A", "B"])
        #expect(abs(c[0].site.areaMu - 30) < 1e-6)
        #expect(c[0].site.shape?.geometry.polygons.count == 1)
        // A 200 × 100 rectangle: 4π·20000/600² (hand calculation).
        #expect(abs(c[0].site.shape!.compactness - 4 * Double.pi * 20_000 / 360_000) < 1e-9)
        #expect(c[0].resources == ["parcel:A", "parcel:B"])
    }

    @Test("a 3 m survey gap is crossed at the default 5 m, not at 2 m")
    func surveyGap() throws {
        let r = try Layouts.registry([Self.sq("A", 0, 0), Self.sq("C", 0, 103)])
        let c = try joined(r, min: 25, max: 35)
        #expect(c.count == 1 && c[0].parcels.sorted() == ["A", "C"])
        #expect(c[0].site.shape?.geometry.polygons.count == 2)
        #expect(try joined(r, min: 25, max: 35, tolerance: 2).isEmpty)
    }

    @Test("a 20 m road is never crossed, and the answer says the area emptied the list")
    func road() throws {
        let r = try Layouts.registry([Self.sq("A", 0, 0), Self.sq("D", -120, 0)])
        let d = try Layouts.demand(#"{"id": "J", "land_mu": {"min": 25, "max": 35}}"#)
        let a = try Matcher(registry: r).match(d)
        #expect(a.candidates.isEmpty)
        #expect(a.excluded["land_mu"] == 2)
        #expect(a.nearMisses.first?.text == "no site passes: land area (land_mu) alone emptied the list; without it 2 sites would pass")
    }

    @Test("an L-shaped block of three parcels is one site of 45 mu")
    func lShape() throws {
        let c = try joined(try Layouts.registry([Self.sq("A", 0, 0), Self.sq("B", 100, 0), Self.sq("C", 0, 100)]), min: 40, max: 50)
        #expect(c.count == 1 && c[0].parcels.sorted() == ["A", "B", "C"])
        let shape = try #require(c[0].site.shape)
        #expect(shape.geometry.polygons.count == 1 && shape.geometry.polygons[0].exterior.points.count >= 7)
        #expect(abs(shape.perimeter - 800) < 1e-6)
    }

    @Test("a parcel filling another's hole joins it, and the union has no hole")
    func hole() throws {
        let outer = P(id: "H", rings: [Layouts.rect(0, 0, 300, 300), Layouts.rect(100, 100, 100, 100).reversed()])
        let inner = Self.sq("I", 100, 100)
        let c = try joined(try Layouts.registry([outer, inner]), min: 130, max: 140)
        #expect(c.count == 1 && c[0].parcels.sorted() == ["H", "I"])
        #expect(abs(c[0].site.areaMu - 135) < 1e-6)
        let shape = try #require(c[0].site.shape)
        #expect(shape.geometry.polygons.count == 1 && shape.geometry.polygons[0].holes.isEmpty)
        #expect(abs(shape.area - 90_000) < 1e-6)
    }

    @Test("fewer parcels rank first: one 30 mu parcel before two of 15 mu")
    func fewFirst() throws {
        let big = P(id: "Z", rings: [Layouts.rect(1000, 0, 200, 100)])
        let c = try joined(try Layouts.registry([Self.sq("A", 0, 0), Self.sq("B", 100, 0), big]), min: 25, max: 35)
        #expect(c.map(\.parcels) == [["Z"], ["A", "B"]] || c.map { $0.parcels.sorted() } == [["Z"], ["A", "B"]])
    }

    @Test("ESU enumeration finds every connected set in range, as brute force does, on random graphs")
    func enumeration() {
        var g = SplitMix64(seed: 11)
        for _ in 0..<60 {
            let n = Int.random(in: 2...9, using: &g)
            var adj = Array(repeating: [Int](), count: n)
            for i in 0..<n { for j in (i + 1)..<n where Int.random(in: 0..<3, using: &g) == 0 { adj[i].append(j); adj[j].append(i) } }
            let areas = (0..<n).map { _ in Double(Int.random(in: 1...20, using: &g)) }
            let lo = Double(Int.random(in: 5...30, using: &g)), hi = lo + Double(Int.random(in: 0...25, using: &g))
            let found = Set(Assembly(maxParcels: 5).connectedSets(areas: areas, adjacency: adj, min: lo, max: hi).sets)
            var brute = Set<[Int]>()
            for mask in 1..<(1 << n) {
                let set = (0..<n).filter { mask & (1 << $0) != 0 }
                guard set.count >= 2, set.count <= 5 else { continue }
                let sum = set.reduce(0) { $0 + areas[$1] }
                guard sum >= lo, sum <= hi else { continue }
                var seen: Set<Int> = [set[0]], stack = [set[0]]
                while let v = stack.popLast() { for u in adj[v] where set.contains(u) && seen.insert(u).inserted { stack.append(u) } }
                if seen.count == set.count { brute.insert(set) }
            }
            #expect(found == brute)
        }
    }
}

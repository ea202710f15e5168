import Foundation
import Testing
import LandbankLifecycle
import LandbankRegistry
@testable import LandbankMatching

/// The server keeps matchers between requests; whatever they remember must never outlive a change to the registry.
@Suite("Matchers kept between requests")
struct MatcherPoolTests {
    @Test("the registry's change stamp moves with every commit, from this registry or another on the same file")
    func changeStamp() throws {
        let r = try MatchTests.layout()
        let before = try r.changeStamp()
        #expect(try r.changeStamp() == before)
        let other = try Registry.open(at: r.path)
        try other.record(NewEvent(subject: Subject(.parcel, "P1"), date: CivilDate("2030-01-01")!, status: .assigned, recordedBy: "t"))
        #expect(try r.changeStamp() != before)
    }

    @Test("an idle matcher is reused while nothing changes, and retired once something is committed")
    func retiredOnChange() throws {
        let r = try MatchTests.layout()
        let pool = MatcherPool(registry: r)
        let (lon, lat) = try Layouts.lonLat(0, 50, in: r)
        let d = try Layouts.demand(#"{"id": "L", "wants": "land", "land_mu": {"min": 10}, "near": {"lon": \#(lon), "lat": \#(lat), "max_km": 0.25}}"#)
        let (first, a) = try pool.use { m in (ObjectIdentifier(m), try m.match(d)) }
        #expect(a.candidates.map(\.parcels) == [["P1"], ["P2"]])
        #expect(a.excluded["near.max_km"] == 2)
        #expect(try pool.use { ObjectIdentifier($0) } == first)
        #expect(pool.idleCount == 1)
        // Another process assigns P1 and P3: what the kept matcher cached (the sites found without the point)
        // is stale, so the next request gets a fresh matcher and the counts follow.
        let other = try Registry.open(at: r.path)
        for id in ["P1", "P3"] {
            try other.record(NewEvent(subject: Subject(.parcel, id), date: CivilDate("2030-01-01")!, status: .assigned, recordedBy: "t"))
        }
        let (second, b) = try pool.use { m in (ObjectIdentifier(m), try m.match(d)) }
        #expect(second != first)
        #expect(b.candidates.map(\.parcels) == [["P2"]])
        #expect(b.excluded["near.max_km"] == 1)
        #expect(pool.idleCount == 1)
    }
}

/// A kept matcher lives until the next commit: what it remembers must stay bounded.
@Suite("What a matcher remembers")
struct NeighbourCacheTests {
    @Test("parcels, shapes and neighbours are forgotten once past the limit; searches without a point past 16")
    func trimmed() throws {
        let r = try MatchTests.layout()
        let (p, shape) = try #require(try r.parcel(id: "P1"))
        let cache = NeighbourCache(limit: 100)
        for i in 0..<cache.limit { cache.parcels["X\(i)"] = p; cache.shapes["X\(i)"] = shape }
        for i in 0..<16 { cache.pointFreeLand["k\(i)"] = [] }
        cache.trim()
        #expect(cache.parcels.count == cache.limit && cache.shapes.count == cache.limit)
        #expect(cache.pointFreeLand.count == 16)
        cache.parcels["one more"] = p
        cache.pointFreeLand["one more"] = []
        cache.trim()
        #expect(cache.parcels.isEmpty && cache.pointFreeLand.isEmpty)
        #expect(cache.shapes.count == cache.limit)
    }
}

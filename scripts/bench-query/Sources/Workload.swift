import Foundation
import LandbankRegistry

/// The benchmark's points and its three queries, shared by the latency and the concurrency runs.
enum Workload {
    struct LCG: RandomNumberGenerator {
        var s: UInt64
        mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s }
    }

    /// `count` random points (seed 42) in a square of ±halfKm around 114.93°E 27.80°N, the synthetic grid's centre.
    static func spots(_ count: Int, halfKm: Double) -> [(Double, Double)] {
        var rng = LCG(s: 42)
        let dLat = halfKm / 110.95, dLon = halfKm / (111.32 * cos(27.8 * .pi / 180))
        return (0..<count).map { _ in
            (114.93 + Double.random(in: -dLon...dLon, using: &rng), 27.80 + Double.random(in: -dLat...dLat, using: &rng))
        }
    }

    /// The three queries on one `SiteSearch` (one per thread: it holds the thread's PROJ objects); each returns
    /// its number of hits.
    static func queries(_ search: SiteSearch) -> [(String, (Double, Double) throws -> Int)] {
        [
            ("parcels 40-60 mu within 20 km nearest 10", { lon, lat in
                try search.parcels(ParcelQuery(minMu: 40, maxMu: 60, near: NearPoint(lon: lon, lat: lat, withinKm: 20), limit: 10)).hits.count
            }),
            ("parcels 80-120 mu within 20 km nearest 10", { lon, lat in
                try search.parcels(ParcelQuery(minMu: 80, maxMu: 120, near: NearPoint(lon: lon, lat: lat, withinKm: 20), limit: 10)).hits.count
            }),
            ("buildings >=20000 m2 vacant, >=8 m, >=2000 kVA within 30 km nearest 10", { lon, lat in
                try search.buildings(BuildingQuery(criteria: BuildingCriteria(minVacantM2: 20_000, minClearHeightM: 8, minPowerKVA: 2_000),
                                                   near: NearPoint(lon: lon, lat: lat, withinKm: 30), limit: 10)).hits.count
            }),
        ]
    }
}

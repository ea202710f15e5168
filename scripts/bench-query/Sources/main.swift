// Times the three site queries of issue 10 through the library, in process:
//   bench-query REG.gpkg [POINTS=200] [PASSES=3] [HALF_EXTENT_KM=150]
// Random points (seed 42) lie in a square of ±HALF_EXTENT_KM around 114.93°E 27.80°N, the synthetic grid's
// centre. Each query runs once per point per pass after one warm-up pass; prints p50, p99 (ms) and the mean
// number of results, one line per query.
import Foundation
import LandbankRegistry

struct LCG: RandomNumberGenerator {
    var s: UInt64
    mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s }
}

let args = CommandLine.arguments
guard args.count >= 2 else { FileHandle.standardError.write(Data("usage: bench-query REG.gpkg [POINTS] [PASSES] [HALF_EXTENT_KM]\n".utf8)); exit(2) }
let points = args.count > 2 ? Int(args[2]) ?? 200 : 200
let passes = args.count > 3 ? Int(args[3]) ?? 3 : 3
let halfKm = args.count > 4 ? Double(args[4]) ?? 150 : 150
let registry = try Registry.open(at: args[1], readOnly: true)
let search = try SiteSearch(registry)
var rng = LCG(s: 42)
let dLat = halfKm / 110.95, dLon = halfKm / (111.32 * cos(27.8 * .pi / 180))
let spots = (0..<points).map { _ in
    (114.93 + Double.random(in: -dLon...dLon, using: &rng), 27.80 + Double.random(in: -dLat...dLat, using: &rng))
}

let queries: [(String, (Double, Double) throws -> Int)] = [
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

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

for (name, run) in queries {
    for (lon, lat) in spots { _ = try run(lon, lat) }  // warm-up: the page cache, not the figures
    var times: [Double] = []
    var hits = 0
    for _ in 0..<passes {
        for (lon, lat) in spots {
            let t0 = DispatchTime.now().uptimeNanoseconds
            hits += try run(lon, lat)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
    }
    times.sort()
    print("landbank    " + name.padding(toLength: 72, withPad: " ", startingAt: 0)
        + String(format: " p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f",
                 percentile(times, 0.5), percentile(times, 0.99), Double(hits) / Double(times.count)))
}

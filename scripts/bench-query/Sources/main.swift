// Times the three site queries of issue 10 through the library, in process:
//   bench-query REG.gpkg [POINTS=200] [PASSES=3] [HALF_EXTENT_KM=150]
//   bench-query --concurrency REG.gpkg LANDBANK ADD.geojson [READERS=8] [SECONDS=5] [HALF_EXTENT_KM=150]
// The second form measures READERS threads sharing one Registry (see Concurrency.swift).
// Random points (seed 42) lie in a square of ±HALF_EXTENT_KM around 114.93°E 27.80°N, the synthetic grid's
// centre. Each query runs once per point per pass after one warm-up pass; prints p50, p99 (ms) and the mean
// number of results, one line per query.
import Foundation
import LandbankRegistry

struct LCG: RandomNumberGenerator {
    var s: UInt64
    mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s }
}

if CommandLine.arguments.dropFirst().first == "--concurrency" {
    try Concurrency.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
let args = CommandLine.arguments
guard args.count >= 2 else { FileHandle.standardError.write(Data("usage: bench-query REG.gpkg [POINTS] [PASSES] [HALF_EXTENT_KM]\n".utf8)); exit(2) }
let points = args.count > 2 ? Int(args[2]) ?? 200 : 200
let passes = args.count > 3 ? Int(args[3]) ?? 3 : 3
let halfKm = args.count > 4 ? Double(args[4]) ?? 150 : 150
let registry = try Registry.open(at: args[1], readOnly: true)
let search = try SiteSearch(registry)
let spots = Workload.spots(points, halfKm: halfKm)
// BENCH_QUERY=I runs only the I-th query (from 0), for profiling one query under `perf record`.
let only = ProcessInfo.processInfo.environment["BENCH_QUERY"].flatMap { Int($0) }
let queries = Workload.queries(search).enumerated().filter { only == nil || $0.offset == only }.map(\.element)

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

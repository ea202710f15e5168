// Times the matcher of issue 11 through the library, in process:
//   bench-match single REG.gpkg POINTS.tsv PASSES ANSWERS.tsv
//   bench-match blocks REG.gpkg MIN_MU BLOCKS.tsv
//   bench-match batch REG.gpkg COUNT HALF_EXTENT_KM
//   bench-match setup REG.gpkg PARCELS.geojson BUILDINGS.geojson POLICIES.json
// setup: what `landbank init --crs EPSG:4547`, `import`, `building import` and `policy import` do, through the
// same library calls (so that the benchmark needs no release build of the CLI and its server).
// single: the four demands of Workload at every point, once as a warm-up then PASSES times; prints p50/p99 (ms)
// and the mean number of candidates, one line per demand, and writes the first timed pass's candidates (rank,
// parcel ids, building, km) to ANSWERS.tsv for the comparison with the peers. blocks: `BlockFinder.find` once,
// timed, each block's parcel ids written to BLOCKS.tsv. batch: COUNT demands (Batch.swift) assigned jointly.
import Foundation
import LandbankMatching
import LandbankRegistry

/// Prints a line and flushes it, so that it reaches a pipe at once (the script tees the figures into its log as
/// they come). `fflush(nil)` flushes every stream without naming C's `stdout`, which Swift 6 refuses as shared state.
func line(_ text: String) {
    print(text)
    fflush(nil)
}
let args = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: bench-match single REG.gpkg POINTS.tsv PASSES ANSWERS.tsv
               bench-match blocks REG.gpkg MIN_MU BLOCKS.tsv
               bench-match batch REG.gpkg COUNT HALF_EXTENT_KM
               bench-match setup REG.gpkg PARCELS.geojson BUILDINGS.geojson POLICIES.json

        """.utf8))
    exit(2)
}
guard args.count == 5 || args.count == 4 else { usage() }
if args[0] == "setup", args.count == 5 {
    let registry = try Registry.create(at: args[1], crs: "EPSG:4547")
    for (file, buildings) in [(args[2], false), (args[3], true)] {
        let t0 = now()
        let source = try FeatureSources.open(file)
        let options = ImportOptions(recordedBy: "bench-match")
        let s = buildings ? try registry.importBuildings(from: source, options: options)
            : try registry.importParcels(from: source, options: options)
        line(String(format: "import %@: %.1f s", buildings ? "buildings" : "parcels", now() - t0))
        _ = s
    }
    let policies = try ZonePolicy.readAll(try Data(contentsOf: URL(fileURLWithPath: args[4])), file: args[4])
    try registry.setZonePolicyJSON(Dictionary(policies.map { ($0.zone, $0.policy.json) }, uniquingKeysWith: { a, _ in a }),
                                   by: "bench-match")
    exit(0)
}
let registry = try Registry.open(at: args[1], readOnly: true)

switch args[0] {
case "single" where args.count == 5:
    let spots = try Workload.points(args[2])
    let passes = Int(args[3]) ?? 3
    let matcher = try Matcher(registry: registry)
    var out = "query\tpoint\trank\tids\tkm\n"
    // BENCH_QUERY=I runs only the I-th demand (from 0) and BENCH_BARE=1 only its candidates-only timing, for
    // profiling one under `perf record`.
    let only = ProcessInfo.processInfo.environment["BENCH_QUERY"].flatMap { Int($0) }
    let bareOnly = ProcessInfo.processInfo.environment["BENCH_BARE"] == "1"
    for (n, q) in Workload.queries.enumerated() where only == nil || only == n {
        let demands = try spots.map { try Workload.demand(q.json($0.0, $0.1)) }
        for d in demands { _ = try matcher.match(d, options: MatchOptions(explain: !bareOnly)) }  // warm-up: the page cache, not the figures
        var times: [Double] = []
        var hits = 0
        for pass in 0..<(bareOnly ? 0 : passes) {
            for (i, d) in demands.enumerated() {
                let t0 = now()
                let a = try matcher.match(d)
                times.append((now() - t0) * 1000)
                hits += a.candidates.count
                guard pass == 0 else { continue }
                for (r, c) in a.candidates.enumerated() {
                    out += "\(q.name)\t\(i)\t\(r + 1)\t\(c.building ?? c.parcels.joined(separator: "+"))\t\(c.site.distanceKm ?? -1)\n"
                }
            }
        }
        times.sort()
        if !times.isEmpty { line("landbank    " + q.name.padding(toLength: 72, withPad: " ", startingAt: 0)
            + String(format: " p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f",
                     percentile(times, 0.5), percentile(times, 0.99), Double(hits) / Double(times.count))) }
        // The same demands answered with the candidates only (`explain: false`, the API's near_misses=false): the
        // work the peers' ORDER BY distance LIMIT 10 does, without `excluded` and the near misses.
        let bare = MatchOptions(explain: false)
        var bareTimes: [Double] = []
        var bareHits = 0
        // BENCH_EACH=1: each answer's time and assembly (parts read, sets judged), to find the slow points.
        let each = ProcessInfo.processInfo.environment["BENCH_EACH"] == "1"
        for pass in 0..<passes {
            for (i, d) in demands.enumerated() {
                let t0 = now()
                let a = try matcher.match(d, options: bare)
                bareHits += a.candidates.count
                bareTimes.append((now() - t0) * 1000)
                if each, pass == passes - 1 {
                    line(String(format: "  point %3d  %8.3f ms  %d candidates", i, bareTimes.last!, a.candidates.count)
                         + (a.assembly.map { "  assembly: \($0.parts) parts, \($0.sets) sets, exact \($0.exact)" } ?? ""))
                }
            }
        }
        bareTimes.sort()
        line("candidates  " + q.name.padding(toLength: 72, withPad: " ", startingAt: 0)
            + String(format: " p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f",
                     percentile(bareTimes, 0.5), percentile(bareTimes, 0.99), Double(bareHits) / Double(bareTimes.count)))
    }
    try out.write(toFile: args[4], atomically: true, encoding: .utf8)
case "blocks" where args.count == 4:
    guard let minMu = Double(args[2]) else { usage() }
    let book = try PolicyBook(registry: registry)
    let t0 = now()
    let blocks = try BlockFinder.find(registry, book: book, minMu: minMu)
    let seconds = now() - t0
    line(String(format: "landbank    blocks --min-mu %g: %d blocks of %d parcels in %.2f s", minMu, blocks.count,
                 blocks.reduce(0) { $0 + $1.parcels.count }, seconds))
    let text = blocks.map { "\(String(format: "%.3f", $0.areaMu))\t\($0.parcels.sorted().joined(separator: " "))\n" }.joined()
    try text.write(toFile: args[3], atomically: true, encoding: .utf8)
case "batch" where args.count == 4:
    guard let count = Int(args[2]), let halfKm = Double(args[3]) else { usage() }
    try Batch.run(registry, count: count, halfKm: halfKm)
default:
    usage()
}

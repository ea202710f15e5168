// The in-process parts of scripts/bench-store.sh, on a registry file or a PostgreSQL URL alike:
//   bench-store setup REGISTRY PARCELS.geojson BUILDINGS.geojson POLICIES.json
//   bench-store single REGISTRY POINTS.tsv PASSES ANSWERS.tsv
//   bench-store write REGISTRY WRITER WRITERS EVENTS
// setup and single do what bench-match's do (Workload.swift is bench-match's own file, linked here: the same four
// demands at the same points). write: one writer process, recording EVENTS status changes, each its own write
// transaction (`Registry.record`, as `landbank record` does), round-robin over share number WRITER of the
// registry's first WRITERS x 500 revitalized parcels (by id) — 20 events per parcel at 10,000 events, a parcel's
// history over decades rather than one parcel's 10,000 — idle, then revitalized by lease again, a day apart, each
// after the parcel's last event (so a second run continues the first); prints its seconds.
import Foundation
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

let args = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: bench-store setup REGISTRY PARCELS.geojson BUILDINGS.geojson POLICIES.json
               bench-store single REGISTRY POINTS.tsv PASSES ANSWERS.tsv
               bench-store write REGISTRY WRITER WRITERS EVENTS

        """.utf8))
    exit(2)
}
guard args.count == 5 else { usage() }
/// Parcels per writer process in `write`.
let perWriter = 500

switch args[0] {
case "setup":
    let registry = try Registry.create(at: args[1], crs: "EPSG:4547")
    for (file, buildings) in [(args[2], false), (args[3], true)] {
        let t0 = now()
        let source = try FeatureSources.open(file)
        let options = ImportOptions(recordedBy: "bench-store")
        _ = buildings ? try registry.importBuildings(from: source, options: options)
            : try registry.importParcels(from: source, options: options)
        print(String(format: "import %@: %.1f s", buildings ? "buildings" : "parcels", now() - t0))
    }
    let policies = try ZonePolicy.readAll(try Data(contentsOf: URL(fileURLWithPath: args[4])), file: args[4])
    try registry.setZonePolicyJSON(Dictionary(policies.map { ($0.zone, $0.policy.json) }, uniquingKeysWith: { a, _ in a }),
                                   by: "bench-store")
case "single":
    let registry = try Registry.open(at: args[1], readOnly: true)
    let spots = try Workload.points(args[2])
    let passes = Int(args[3]) ?? 3
    let matcher = try Matcher(registry: registry)
    var out = "query\tpoint\trank\tids\tkm\n"
    for q in Workload.queries {
        let demands = try spots.map { try Workload.demand(q.json($0.0, $0.1)) }
        for d in demands { _ = try matcher.match(d) }  // warm-up: caches, not the figures
        var times: [Double] = []
        var hits = 0
        for pass in 0..<passes {
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
        print(q.name.padding(toLength: 72, withPad: " ", startingAt: 0)
            + String(format: " p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f",
                     percentile(times, 0.5), percentile(times, 0.99), Double(hits) / Double(times.count)))
    }
    try out.write(toFile: args[4], atomically: true, encoding: .utf8)
case "write":
    guard let writer = Int(args[2]), let writers = Int(args[3]), let events = Int(args[4]) else { usage() }
    let registry = try Registry.open(at: args[1])
    let pool = try registry.parcels(ParcelFilter(status: .revitalized), limit: writers * perWriter)
    let share = pool.count / writers
    guard share > 0 else {
        FileHandle.standardError.write(Data("bench-store: only \(pool.count) revitalized parcels for \(writers) writers\n".utf8))
        exit(1)
    }
    // This writer's parcels, each continuing after its own last event (a re-run follows the previous one).
    let mine = pool[(writer * share)..<((writer + 1) * share)].map { Subject(.parcel, $0.parcelID) }
    let floor = CivilDate("2030-01-01")!.daysSince1970
    var next = try mine.map { max(floor, (try registry.history(of: $0).last?.date.daysSince1970 ?? floor) + 1) }
    var idleNow = [Bool](repeating: false, count: mine.count)
    let t0 = now()
    for i in 0..<events {
        let p = i % mine.count
        idleNow[p].toggle()
        _ = try registry.record(NewEvent(subject: mine[p], date: CivilDate(daysSince1970: next[p]),
                                         status: idleNow[p] ? .idle : .revitalized, disposalMethod: idleNow[p] ? nil : .lease,
                                         recordedBy: "bench-writer-\(writer)"))
        next[p] += 1
    }
    print(String(format: "%.3f", now() - t0))
default:
    usage()
}

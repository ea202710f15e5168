// One writer process of scripts/bench-store.sh:
//   bench-store write REGISTRY WRITER WRITERS EVENTS
// Records EVENTS status changes, each its own write transaction (`Registry.record`, as `landbank record` does),
// on parcel number WRITER of the registry's first WRITERS revitalized parcels (by id): idle, then revitalized
// by lease again, a day apart. Prints the seconds it took.
import Foundation
import LandbankLifecycle
import LandbankRegistry

let args = Array(CommandLine.arguments.dropFirst())
guard args.count == 5, args[0] == "write", let writer = Int(args[2]), let writers = Int(args[3]), let events = Int(args[4]) else {
    FileHandle.standardError.write(Data("usage: bench-store write REGISTRY WRITER WRITERS EVENTS\n".utf8))
    exit(2)
}
let registry = try Registry.open(at: args[1])
let parcels = try registry.parcels(ParcelFilter(status: .revitalized), limit: writers)
guard writer < parcels.count else {
    FileHandle.standardError.write(Data("bench-store: only \(parcels.count) revitalized parcels\n".utf8))
    exit(1)
}
let subject = Subject(.parcel, parcels[writer].parcelID)
let start = Date()
let first = CivilDate("2030-01-01")!
for i in 0..<events {
    let idle = i % 2 == 0
    _ = try registry.record(NewEvent(subject: subject, date: CivilDate(daysSince1970: first.daysSince1970 + i),
                                     status: idle ? .idle : .revitalized, disposalMethod: idle ? nil : .lease,
                                     recordedBy: "bench-writer-\(writer)"))
}
print(String(format: "%.3f", Date().timeIntervalSince(start)))

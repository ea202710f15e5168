import Foundation
import Testing
@testable import LandbankRegistry

/// Mutates a valid file the ways damaged and hostile files differ: a flipped, inserted or deleted byte, a cut,
/// a repeated slice, deep nesting, a huge number or string, a NUL, invalid UTF-8.
enum Mutator {
    static let insertions: [[UInt8]] = [
        [0], [0xFF], [0xC3], [0xE6, 0x96], Array(String(repeating: "[", count: 5000).utf8), Array("1e999999".utf8),
        Array(String(repeating: "9", count: 400).utf8), Array("\"".utf8), Array(",".utf8), Array("\n".utf8),
        Array("NaN".utf8), Array("-0".utf8), Array("\r\n@".utf8), Array(String(repeating: "x", count: 70_000).utf8),
        Array("[地块坐标]".utf8), Array("J1,1,".utf8), Array("POLYGON EMPTY".utf8), Array("CIRCULARSTRING Z".utf8),
    ]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !b.isEmpty else { return insertions[0] }
            let i = Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: b[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: b.insert(contentsOf: insertions.randomElement(using: &rng)!, at: i)
            case 2: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...64, using: &rng)))
            case 3: b.removeSubrange(i..<b.count)
            case 4:
                let end = min(b.count, i + Int.random(in: 1...256, using: &rng))
                let slice = Array(b[i..<end])
                b.insert(contentsOf: slice, at: end)
            default: b[i] = UInt8.random(in: 0...255, using: &rng)
            }
        }
        return b
    }
}

@Suite("Readers under random damage: no crash, every failure one clear line", .serialized)
struct ReaderFuzzTests {
    /// Seconds of mutation per reader: a few in the normal run, longer with LANDBANK_FUZZ_SECONDS.
    static let seconds = Double(ProcessInfo.processInfo.environment["LANDBANK_FUZZ_SECONDS"] ?? "") ?? 1.5
    static let seed = UInt64(ProcessInfo.processInfo.environment["LANDBANK_FUZZ_SEED"] ?? "") ?? 0x1A4D_BA4C

    /// Reads every feature of each mutant of `base` (saved as `name`); returns how many mutants were tried.
    func fuzz(_ base: [UInt8], name: String, seed: UInt64) throws -> Int {
        var rng = SplitMix64(seed: seed)  // SpatialIndexTests' seeded generator: a failing case replays from its seed
        let dir = try scratchDirectory()
        let path = dir + "/" + name
        let deadline = Date().addingTimeInterval(Self.seconds)
        var tried = 0
        while Date() < deadline {
            let mutant = Mutator.mutate(base, &rng)
            try Data(mutant).write(to: URL(fileURLWithPath: path))
            tried += 1
            do {
                let source = try FeatureSources.open(path)
                var n = 0
                while try source.next() != nil, n < 100_000 { n += 1 }
            } catch let e as ImportError {
                let text = e.description
                #expect(!text.isEmpty && !text.contains("\n") && text.hasPrefix(name), "seed \(seed), mutant \(tried): \(text)")
            } catch let e as RegistryError {
                #expect(!e.description.contains("\n"), "seed \(seed), mutant \(tried): \(e)")
            } catch {
                Issue.record("seed \(seed), mutant \(tried): an error of type \(type(of: error)): \(error)")
            }
        }
        return tried
    }

    @Test("GeoJSON")
    func geoJSON() throws {
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("lonlat-sample.geojson"))))
        #expect(try fuzz(base, name: "f.geojson", seed: Self.seed) > 10)
    }

    @Test("CSV with WKT")
    func csv() throws {
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("parcels-wkt.csv"))))
        #expect(try fuzz(base, name: "f.csv", seed: Self.seed &+ 1) > 10)
    }

    @Test("boundary-point text (报部坐标)")
    func boundaryPoints() throws {
        let r = try newRegistry()
        _ = try r.importFile(fixture("formats/parcels.geojson"))
        let out = try scratchDirectory() + "/bb.txt"
        var o = ExportOptions()
        o.format = .boundaryPoints
        try r.export(to: out, options: o)
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(try fuzz(base, name: "f.txt", seed: Self.seed &+ 2) > 10)
    }
}

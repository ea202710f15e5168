import Foundation
import Testing
@testable import LandbankRegistry

/// `ImportOptions.confirmSwappedAxes`: the question a face asks about swapped coordinates, and what its answer does.
@Suite("Swapped axes confirmed by an answer")
struct AxisConfirmationTests {
    /// What was asked, in order.
    final class Asked: @unchecked Sendable {
        // @unchecked Sendable: `list` is only touched under `lock`.
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ q: String) { lock.withLock { list.append(q) } }
        var all: [String] { lock.withLock { list } }
    }

    /// One parcel written lat/lon, in GeoJSON without a `crs` member (RFC 7946: lon/lat), for a CGCS2000 lon/lat registry.
    func swapped() throws -> (Registry, String) {
        let r = try newRegistry(crs: "EPSG:4490")
        let path = try scratchDirectory() + "/swapped.geojson"
        try """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"A","properties":{},"geometry":{"type":"Polygon","coordinates":[[[27.80,114.90],[27.80,114.91],[27.81,114.91],[27.81,114.90],[27.80,114.90]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return (r, path)
    }

    func options(answer: Bool, asked: Asked) -> ImportOptions {
        var o = ImportOptions()
        o.confirmSwappedAxes = { q in asked.add(q); return answer }
        return o
    }

    @Test("yes: the coordinates are swapped, as with --fix-axes, and the note says it was confirmed")
    func yes() throws {
        let (r, path) = try swapped()
        let asked = Asked()
        let s = try r.importFile(path, options(answer: true, asked: asked))
        #expect(asked.all == ["coordinates look swapped (lat/lon) in swapped.geojson: repair them? [y/N]"])
        #expect(s.notes.contains("x and y swapped in every feature (confirmed at the prompt)"), "\(s.notes)")
        let box = try #require(try r.parcel(id: "A")?.geometry.boundingBox)
        #expect(box.minX > 114 && box.minY < 28, "lon/lat after the swap")
    }

    @Test("no: refused as without an answer, naming --fix-axes; nothing written")
    func no() throws {
        let (r, path) = try swapped()
        let asked = Asked()
        #expect { _ = try r.importFile(path, options(answer: false, asked: asked)) } throws: { "\($0)".contains("re-run with --fix-axes") }
        #expect(asked.all.count == 1)
        #expect(try r.parcelCount == 0)
    }

    @Test("--fix-axes given: nothing is asked")
    func flag() throws {
        let (r, path) = try swapped()
        let asked = Asked()
        var o = options(answer: false, asked: asked)
        o.fixAxes = true
        _ = try r.importFile(path, o)
        #expect(try asked.all.isEmpty && r.parcelCount == 1)
    }
}

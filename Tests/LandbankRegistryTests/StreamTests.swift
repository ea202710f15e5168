import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Import from a byte stream, export to any sink")
struct StreamTests {
    @Test("export into a sink gives the same bytes as export to a file")
    func sinkEqualsFile() throws {
        let r = try ledger()
        let file = try scratchDirectory() + "/out.geojson"
        let n = try r.export(to: file)
        var bytes: [UInt8] = []
        let m = try r.export { bytes.append(contentsOf: $0) }
        #expect(n == m && n > 0)
        #expect(Data(bytes) == FileManager.default.contents(atPath: file))
    }

    @Test("an export piped into an import through a file descriptor brings back every parcel and area")
    func pipeRoundTrip() throws {
        let r = try ledger()
        var bytes: [UInt8] = []
        try r.export(options: ExportOptions(decimals: 9)) { bytes.append(contentsOf: $0) }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let data = bytes, out = fds[1]
        let writer = Thread {
            data.withUnsafeBytes { b in
                var off = 0
                while off < b.count {
                    let w = Foundation.write(out, b.baseAddress! + off, b.count - off)
                    if w <= 0 { break }
                    off += w
                }
            }
            close(out)
        }
        writer.start()
        let copy = try newRegistry()
        let summary = try copy.importParcels(from: try FeatureSources.geoJSON(fileDescriptor: fds[0], name: "<pipe>"))
        close(fds[0])
        #expect(summary.file == "<pipe>")
        #expect(summary.imported.parcels == (try r.parcelCount))
        let a = try r.stats().rounded().total, b = try copy.stats().rounded().total
        #expect(abs((a.cadastralAreaMu ?? 0) - (b.cadastralAreaMu ?? 0)) < 0.01)
    }

    @Test("a broken stream names the stream and imports nothing")
    func brokenStream() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = Array(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"A","geometry":"#.utf8)
        _ = text.withUnsafeBytes { Foundation.write(fds[1], $0.baseAddress!, $0.count) }
        close(fds[1])
        let r = try newRegistry()
        #expect { try r.importParcels(from: try FeatureSources.geoJSON(fileDescriptor: fds[0], name: "<upload>")) } throws: { e in
            "\(e)".contains("<upload>")
        }
        close(fds[0])
        #expect(try r.parcelCount == 0)
    }
}

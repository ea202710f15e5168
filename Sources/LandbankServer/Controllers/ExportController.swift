import Foundation
import Hummingbird
import LandbankGeometry
import LandbankRegistry

/// GET /api/export.geojson: the layer as GeoJSON (RFC 7946 by default), streamed from the registry's export as
/// it is made; nothing is built whole in memory. The public gets each feature's published members only.
struct ExportController {
    let registry: Registry

    func add(to group: RouterGroup<AppContext>) {
        group.get("export.geojson", use: export)
    }

    @Sendable func export(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let q = try QueryParameters(request, allowed: QueryParameters.parcelFilterKeys.union(["layer", "crs", "decimals"]))
        let layer = try q.string("layer").map { s in
            guard let l = Layer(rawValue: s) else { throw APIError.badRequest("layer: \"\(s.prefix(40))\" is not parcels or buildings") }
            return l
        } ?? .parcels
        let query = try q.parcelQuery()
        let published = context.caller.seesPublishedOnly
        if published, q.string("crs") != nil || q.string("decimals") != nil {
            throw APIError.badRequest("the published map is RFC 7946 lon/lat with 7 decimals; crs and decimals need a token that reads everything")
        }
        let options = ExportOptions(layer: layer, filter: ParcelFilter(status: query.status, zone: query.zone), query: query,
                                    crs: q.string("crs"), decimals: try q.int("decimals", in: 0...ExportOptions.maximumDecimals))
        let pipe = ChunkPipe()
        let registry = self.registry
        if published {
            Thread.detachNewThread { Self.publishedExport(registry, options, into: pipe) }
        } else {
            Thread.detachNewThread {
                do {
                    try registry.export(options: options) { try pipe.put($0) }
                    pipe.finish(nil)
                } catch {
                    pipe.finish(error)
                }
            }
        }
        // The first chunk (or the failure before it) decides the status: bad options are a 4xx, not a cut stream.
        let first: ByteBuffer?
        do { first = try await pipe.next() } catch { pipe.cancel(); throw error }
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json"
        headers[.contentDisposition] = "inline; filename=\"\(layer.rawValue).geojson\""
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer { pipe.cancel() }
            if let first { try await writer.write(first) }
            while let chunk = try await pipe.next() { try await writer.write(chunk) }
            try await writer.finish(nil)
        })
    }

    /// The export, read back feature by feature through a pipe and written again with the published members
    /// of each feature only; two threads, so that it streams like the export itself.
    static func publishedExport(_ registry: Registry, _ options: ExportOptions, into out: ChunkPipe) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return out.finish(APIError(.internalServerError, kind: "other", "no pipe: \(String(cString: strerror(errno)))")) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let exportFailure = FailureBox()
        Thread.detachNewThread {
            defer { close(writeEnd) }
            do {
                try registry.export(options: options) { bytes in
                    var rest = bytes
                    while !rest.isEmpty {
                        let n = write(writeEnd, rest.baseAddress, rest.count)
                        if n < 0 { if errno == EINTR { continue }; throw CancellationError() }
                        rest = UnsafeRawBufferPointer(rebasing: rest[n...])
                    }
                }
            } catch { exportFailure.set(error) }
        }
        defer { close(readEnd) }
        do {
            let reader = GeoJSONReader(fileDescriptor: readEnd, name: "export")
            var writer = GeoJSONWriter(decimals: 7, crsName: nil, name: options.layer.rawValue, sink: out.put)
            while let f = try reader.next() {
                try writer.write(id: f.id, properties: f.properties.filter { PublishedView.feature.contains($0.key) }, geometry: f.geometry)
            }
            if let e = exportFailure.get() { throw e }
            try writer.finish()
            out.finish(nil)
        } catch {
            out.finish(exportFailure.get() ?? error)
        }
    }
}

/// The export thread's failure, handed to the thread that reads its output.
/// `@unchecked Sendable`: the one field is read and written under the lock.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ e: Error) { lock.withLock { error = e } }
    func get() -> Error? { lock.withLock { error } }
}

import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// POST /api/import: a GeoJSON FeatureCollection uploaded as the body, imported as `landbank import` imports a
/// file — all features or none, recorded by the token's name. The body goes to a file of the server's own
/// upload folder (a name the server makes, so no request can choose where it lands) and is refused with 413
/// past the config's limit before anything is written to the registry; the import starts only when the whole
/// body is in, so a slow upload never holds the registry's writer.
struct ImportController {
    let registry: Registry
    let config: ServerConfig
    let uploads: UploadFolder

    func add(to group: RouterGroup<AppContext>) {
        group.post("import", use: upload)
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.write)
        let q = try QueryParameters(request, allowed: ["layer", "crs", "from_gcj02", "id_field", "status_date", "name"])
        let layer = try q.string("layer").map { s in
            guard let l = Layer(rawValue: s) else { throw APIError.badRequest("layer: \"\(s.prefix(40))\" is not parcels or buildings") }
            return l
        } ?? .parcels
        var options = ImportOptions(crs: q.string("crs"), fromGCJ02: try q.bool("from_gcj02"), idField: q.string("id_field"),
                                    recordedBy: context.caller.name ?? "api", statusDate: try q.date("status_date") ?? .today())
        // What errors call the upload: the name the client gives (a label only, never a path), else "upload".
        let name = (q.string("name") ?? "upload").replacingOccurrences(of: "/", with: "_").prefix(100)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > config.maxUploadBytes {
            throw tooLarge()
        }
        let file = try uploads.make()
        defer { file.remove() }
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= config.maxUploadBytes else { throw tooLarge() }
            try file.append(chunk)
        }
        // The upload's SHA-256 for the import log, as the CLI logs a file's.
        options.fileSHA256 = FileDigest.sha256(path: file.path)
        let registry = self.registry, label = String(name), logged = options
        let summary = try await Blocking.run { () -> ImportSummary in
            let options = logged
            let fd = open(file.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw APIError(.internalServerError, kind: "storage", "the upload could not be read back") }
            defer { close(fd) }
            let source = try FeatureSources.geoJSON(fileDescriptor: fd, name: label)
            return layer == .parcels ? try registry.importParcels(from: source, options: options)
                                     : try registry.importBuildings(from: source, options: options)
        }
        return try JSONResponse.make(summary, status: .created)
    }

    func tooLarge() -> APIError {
        APIError(.contentTooLarge, kind: "too_large",
                 "the upload is over \(config.maxUploadBytes >> 20) MiB (max_upload_mb in the config); nothing was imported")
    }
}

/// The server's own folder for uploads in progress, made when the server starts (mode 0700) and emptied as
/// each upload ends.
final class UploadFolder: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/landbank-uploads-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ConfigError(description: "cannot make a folder for uploads in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// A new empty file with a name of the server's making.
    func make() throws -> UploadFile {
        let p = path + "/" + UUID().uuidString + ".geojson"
        let fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw APIError(.init(code: 507, reasonPhrase: "Insufficient Storage"), kind: "storage", "cannot store the upload: \(String(cString: strerror(errno)))") }
        return UploadFile(path: p, fd: fd)
    }

    deinit { rmdir(path) }
}

/// One upload being received.
final class UploadFile: @unchecked Sendable {
    // `@unchecked Sendable`: used by one request's task only, one call at a time.
    let path: String
    private var fd: Int32

    init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    func append(_ chunk: ByteBuffer) throws {
        try chunk.withUnsafeReadableBytes { bytes in
            var rest = bytes
            while !rest.isEmpty {
                let n = write(fd, rest.baseAddress, rest.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw APIError(.init(code: 507, reasonPhrase: "Insufficient Storage"), kind: "storage", "cannot store the upload: \(String(cString: strerror(errno)))")
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
    }

    func remove() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(path)
    }
}

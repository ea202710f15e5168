import Foundation
import Hummingbird

/// The web page (`/`), its script and style, the OpenAPI document, and Leaflet from Debian's `libjs-leaflet`
/// (/usr/share/javascript/leaflet), so the page needs no internet. Only files found in those folders when
/// the server starts are served, by their names: no request path reaches the file system.
struct WebController {
    let files: [String: WebFile]

    /// The page's files (bundled with the server) and Leaflet's (`leafletFolder`, when installed).
    init(leafletFolder: String = "/usr/share/javascript/leaflet") throws {
        var files: [String: WebFile] = [:]
        guard let web = Bundle.module.url(forResource: "Web", withExtension: nil) else {
            throw ConfigError(description: "the web page's files are missing from the server's bundle")
        }
        for name in ["index.html", "app.js", "projects.js", "efficiency.js", "reasons.js", "grading-zh.js", "app.css", "openapi.json"] {
            files["/" + name] = try WebFile(path: web.appendingPathComponent(name).path)
        }
        files["/"] = files["/index.html"]
        for name in ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
                     "images/marker-icon-2x.png", "images/marker-shadow.png"] {
            if let f = try? WebFile(path: leafletFolder + "/" + name) { files["/leaflet/" + name] = f }
        }
        self.files = files
    }

    func add(to router: Router<AppContext>) {
        for path in files.keys.sorted() { router.get(RouterPath(path), use: serve) }
    }

    @Sendable func serve(_ request: Request, context: AppContext) async throws -> Response {
        guard let f = files[request.uri.path] else { throw APIError.notFound("no such page") }
        var headers = HTTPFields()
        headers[.contentType] = f.contentType
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: f.data)))
    }
}

/// A file of the page, read once when the server starts.
struct WebFile: Sendable {
    var data: Data
    var contentType: String

    init(path: String) throws {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
        switch (path as NSString).pathExtension {
        case "html": contentType = "text/html; charset=utf-8"
        case "js": contentType = "text/javascript; charset=utf-8"
        case "css": contentType = "text/css; charset=utf-8"
        case "json": contentType = "application/json; charset=utf-8"
        case "png": contentType = "image/png"
        default: contentType = "application/octet-stream"
        }
    }
}

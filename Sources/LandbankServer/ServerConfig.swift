import Foundation
import LandbankRegistry

/// What a bureau sets for its server, read from the `--config` JSON file; every key is optional.
///
/// `{"publish": true, "tile_url": "https://…/{z}/{x}/{y}.png", "max_upload_mb": 64, "page_size": 500,
///   "request_timeout_s": 60, "max_computations": 2, "computation_queue": 8, "grading_policy": "grading.json"}`
public struct ServerConfig: Sendable, Equatable {
    /// Whether requests without a token may read the published inventory (as the `public` role).
    public var publish = false
    /// A tile server for the web map's background; nil: no background, the map works offline.
    public var tileURL: String?
    /// The largest upload `POST /api/import` accepts, in bytes (413 above it).
    public var maxUploadBytes = 64 << 20
    /// Parcels or buildings a page when the request gives no limit, and the most a page may hold.
    public var pageSize = 500
    public var maxPageSize = 5000
    /// The longest a computation (a match, a batch, the blocks, grading, the batches' ledger) may take, waiting
    /// included, before the answer is 503 and the work is stopped (`Computations`).
    public var requestTimeoutSeconds: Double = 60
    /// Computations running at once: by default one per core, so that matching leaves the record and read routes
    /// their threads.
    public var maxComputations = ProcessInfo.processInfo.activeProcessorCount
    /// Computations waiting for one of those; past it a request is refused with 503 and Retry-After.
    public var computationQueue = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
    /// The grading policy `GET /api/grading` and the page grade with (the config's `grading_policy`, a policy
    /// file as `landbank grade --policy` reads, relative to the config file); nil: only POSTed policies.
    public var gradingPolicy: GradingPolicy?

    public init(publish: Bool = false, tileURL: String? = nil, maxUploadBytes: Int = 64 << 20, pageSize: Int = 500) {
        self.publish = publish
        self.tileURL = tileURL
        self.maxUploadBytes = maxUploadBytes
        self.pageSize = pageSize
    }

    static let keys: Set<String> = ["publish", "tile_url", "max_upload_mb", "page_size", "request_timeout_s",
                                    "max_computations", "computation_queue", "grading_policy"]

    /// The limits of `landbank serve --request-timeout`, `--max-computations`, `--computation-queue` (nil leaves one
    /// as it is); a bad one is refused under the name it was given by (`names`: the flags, or the config's keys).
    public func limiting(requestTimeoutSeconds: Double?, maxComputations: Int?, computationQueue: Int?,
                         names: [String] = ["--request-timeout", "--max-computations", "--computation-queue"]) throws -> ServerConfig {
        var c = self
        if let t = requestTimeoutSeconds {
            guard t.isFinite, t > 0, t <= 86_400 else { throw ConfigError(description: "\(names[0]): give seconds above 0, at most 86400, not \(t)") }
            c.requestTimeoutSeconds = t
        }
        if let n = maxComputations {
            guard (1...1024).contains(n) else { throw ConfigError(description: "\(names[1]): give a whole number from 1 to 1024, not \(n)") }
            c.maxComputations = n
        }
        if let n = computationQueue {
            guard (0...100_000).contains(n) else { throw ConfigError(description: "\(names[2]): give a whole number from 0 to 100000, not \(n)") }
            c.computationQueue = n
        }
        return c
    }

    /// Reads a config file; an unknown key or a value of the wrong type is refused, naming the file and the key.
    public static func read(_ data: Data, file: String) throws -> ServerConfig {
        func bad(_ why: String) -> ConfigError { ConfigError(description: "\(file): \(why)") }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw bad("not a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw bad("unknown key \"\(unknown)\" (known: \(keys.sorted().joined(separator: ", ")))")
        }
        struct File: Decodable {
            var publish: Bool?
            var tile_url: String?
            var max_upload_mb: Int?
            var page_size: Int?
            var request_timeout_s: Double?
            var max_computations: Int?
            var computation_queue: Int?
            var grading_policy: String?
        }
        let f: File
        do { f = try JSONDecoder().decode(File.self, from: data) } catch let DecodingError.typeMismatch(_, context) {
            throw bad("\(context.codingPath.map(\.stringValue).joined(separator: ".")): a value of the wrong type")
        } catch {
            throw bad("not a config object: \(error)")
        }
        var c = ServerConfig()
        if let v = f.publish { c.publish = v }
        if let s = f.tile_url {
            guard s.hasPrefix("http://") || s.hasPrefix("https://") else {
                throw bad("tile_url: give an http(s) URL template such as https://tiles.example/{z}/{x}/{y}.png")
            }
            c.tileURL = s
        }
        if let n = f.max_upload_mb {
            guard (1...4096).contains(n) else { throw bad("max_upload_mb: give a whole number from 1 to 4096") }
            c.maxUploadBytes = n << 20
        }
        if let n = f.page_size {
            guard (1...c.maxPageSize).contains(n) else { throw bad("page_size: give a whole number from 1 to \(c.maxPageSize)") }
            c.pageSize = n
        }
        do {
            c = try c.limiting(requestTimeoutSeconds: f.request_timeout_s, maxComputations: f.max_computations,
                               computationQueue: f.computation_queue, names: ["request_timeout_s", "max_computations", "computation_queue"])
        } catch let e as ConfigError {
            throw bad(e.description)
        }
        if let path = f.grading_policy {
            let full = path.hasPrefix("/") ? path : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
            do { c.gradingPolicy = try GradingPolicy.read(path: full) } catch { throw bad("grading_policy: \(error)") }
        }
        return c
    }
}

/// A config file landbank cannot use (bad input: the CLI exits 65).
public struct ConfigError: Error, CategorizedError, CustomStringConvertible {
    public var description: String
    public var category: ErrorCategory { .invalidInput }
}

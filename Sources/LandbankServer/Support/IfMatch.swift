import Hummingbird

/// Entity tags for versions (`Registry.version(of:)`, `projectVersion(id:)`): the id of the newest event of
/// the subject's history, `"e123"` for a parcel, `"p45"` for a project.
enum VersionTag {
    static func parcel(_ version: Int64) -> String { "\"e\(version)\"" }
    static func project(_ version: Int64) -> String { "\"p\(version)\"" }
}

/// What a write's `If-Match` asks for: any version (`*`), or one version. The version is handed to the
/// library's conditional write, which checks it inside the write's own transaction.
struct IfMatch {
    /// nil for `*`. A tag that names no version of this kind (weak, another kind, not ours) is -1: it matches
    /// nothing, so the write is refused as stale with the current version.
    let version: Int64?
    let header: String

    /// `prefix` is the tag's letter ("e" or "p"); `resource` is where the client reads the ETag.
    init(_ request: Request, prefix: String, resource: String) throws {
        guard let header = request.headers[.ifMatch] else {
            throw APIError(.init(code: 428, reasonPhrase: "Precondition Required"), kind: "precondition_required",
                           "send If-Match with the ETag of GET \(resource), so that no change is made over one you have not seen")
        }
        self.header = header
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.count == 1 else {
            throw APIError.badRequest("If-Match: send one ETag (or *), not \(tags.count)")
        }
        if tags[0] == "*" { version = nil; return }
        // Strong comparison (RFC 9110 §13.1.1): a weak tag never matches for a write.
        let tag = tags[0]
        guard tag.hasPrefix("\"" + prefix), tag.hasSuffix("\""), tag.count > prefix.count + 2,
              let v = Int64(tag.dropFirst(prefix.count + 1).dropLast()), v >= 0 else {
            version = -1
            return
        }
        version = v
    }
}

extension Response {
    func with(_ extra: HTTPFields) -> Response {
        var r = self
        for f in extra { r.headers[f.name] = f.value }
        return r
    }
}

/// What an API token's holder may do on the server (issue 14). The server maps each role to its permissions;
/// the registry only keeps the role beside the token's digest.
public enum TokenRole: String, CaseIterable, Sendable, Codable {
    /// Records events, imports, edits policies; reads everything.
    case clerk
    /// Reads everything and matches demands to sites.
    case officer
    /// Reads everything.
    case leader
    /// Reads the published inventory only: no holders, contracts or money.
    case `public`
}

/// An API token as listed: who holds it and what it may do, never the token or its digest.
public struct APIToken: Sendable, Equatable, Encodable {
    public var name: String
    public var role: TokenRole
    public var createdAt: String
    /// When it was revoked; nil while it is in force.
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey { case name, role, createdAt = "created_at", revokedAt = "revoked_at" }
}

/// A token as a store keeps it: the hex SHA-256 of the token text in place of the token.
struct StoredToken: Sendable {
    var name: String
    var role: TokenRole
    var digest: String
    var createdAt: String
    var revokedAt: String?

    var listed: APIToken { APIToken(name: name, role: role, createdAt: createdAt, revokedAt: revokedAt) }
}

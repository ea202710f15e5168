import LandbankRegistry

/// What a request may do (issue 14's roles, as permissions).
public enum Permission: String, Sendable {
    /// The published inventory: parcels and buildings without holders, contracts or money; stats, report, blocks.
    case readPublished = "read the published inventory"
    /// Everything: holders, contracts, money, history, idle check, policies.
    case readAll = "read everything"
    /// Match demands to sites.
    case match = "match demands"
    /// Record events, import, edit policies.
    case write = "write"
    /// Change projects: record a stage, assign a site (reading them is `readAll`: the public never sees projects).
    case manageProjects = "change projects"
}

/// Who is calling: a token's holder (name and role), or no one (the public, when the config publishes).
public struct Caller: Sendable, Equatable {
    /// The token's name, written into the history as who made a write; nil without a token.
    public var name: String?
    public var role: TokenRole?
    /// Without a token: whether the published inventory may be read.
    var anonymousMayRead = false

    public static func anonymous(published: Bool) -> Caller { Caller(name: nil, role: nil, anonymousMayRead: published) }
    public static func token(_ t: APIToken) -> Caller { Caller(name: t.name, role: t.role) }

    /// The permissions of each role (issue 14): clerks record, import and edit; officers read everything, match
    /// and carry projects (stages, sites); leaders read everything; the public reads what is published.
    static func permissions(_ role: TokenRole?) -> Set<Permission> {
        switch role {
        case .clerk: [.readPublished, .readAll, .write]
        case .officer: [.readPublished, .readAll, .match, .manageProjects]
        case .leader: [.readPublished, .readAll]
        case .public: [.readPublished]
        case nil: []
        }
    }

    public func may(_ p: Permission) -> Bool {
        if role == nil { return anonymousMayRead && p == .readPublished }
        return Self.permissions(role).contains(p)
    }

    /// Whether answers must leave out holders, contracts and money.
    public var seesPublishedOnly: Bool { !may(.readAll) }

    /// Throws 401 without a token, 403 when the token's role does not allow it.
    func require(_ p: Permission) throws {
        guard !may(p) else { return }
        if role == nil {
            throw APIError(.unauthorized, kind: "unauthorized",
                           anonymousMayRead ? "this needs a token (Authorization: Bearer …) allowed to \(p.rawValue)"
                                            : "this server publishes nothing without a token; send Authorization: Bearer …")
        }
        throw APIError(.forbidden, kind: "forbidden", "a \(role!.rawValue) token may not \(p.rawValue)")
    }
}

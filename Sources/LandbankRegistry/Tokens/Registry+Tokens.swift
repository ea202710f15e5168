import Crypto
import Foundation

/// The server's API tokens: made here, shown once, kept only as SHA-256 digests, checked in constant time.
extension Registry {
    /// The prefix of every token landbank makes, so that a leaked one is recognisable in logs and scanners.
    public static let tokenPrefix = "lbk_"

    /// Makes a token for `name` with `role` and returns it: the only time the token exists in clear. A name
    /// already held by a token in force is refused (revoke it first).
    public func addToken(name: String, role: TokenRole) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RegistryError(path: path, kind: .invalidArgument, "a token's name must be 1 to 200 characters without control characters")
        }
        // 32 bytes from the system's CSPRNG (getrandom on Linux), base64url: 256 bits no one can guess.
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = generator.next() }
        let token = Self.tokenPrefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let now = ISO8601DateFormatter().string(from: Date())
        try store.write { w in
            if try w.apiTokens().contains(where: { $0.name == trimmed && $0.revokedAt == nil }) {
                throw RegistryError(path: path, kind: .conflict, "a token named \"\(trimmed)\" is in force; revoke it first")
            }
            try w.putToken(StoredToken(name: trimmed, role: role, digest: Self.digest(token), createdAt: now, revokedAt: nil))
        }
        return token
    }

    /// Every token, revoked ones included, oldest first (names and roles; no token, no digest).
    public func tokens() throws -> [APIToken] {
        try store.read { try $0.apiTokens() }.map(\.listed)
    }

    /// Revokes the token in force named `name`; a name with none in force is not found.
    public func revokeToken(name: String) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        let done = try store.write { try $0.revokeToken(name: name, at: now) }
        guard done else { throw RegistryError(path: path, kind: .notFound, "no token named \"\(name)\" is in force") }
    }

    /// The token in force whose digest matches `token`, or nil. Every digest in force is compared, each in time
    /// that does not depend on where the bytes differ, so the answer's timing tells nothing about the tokens.
    ///
    /// The tokens in force are remembered with the registry's change stamp (`changeStamp`, which moves with every
    /// commit of any process) and read again once it moves: a token revoked from the CLI is refused by the next
    /// request, and a server does not read the token table for every request while nothing changes.
    public func authenticate(_ token: String) throws -> APIToken? {
        let presented = Array(Self.digest(token).utf8)
        let stamp = try changeStamp()
        let inForce = try checkedTokens.inForce(at: stamp) ?? {
            let read = try store.read { try $0.apiTokens() }.filter { $0.revokedAt == nil }
            checkedTokens.keep(read, at: stamp)
            return read
        }()
        var found: StoredToken?
        for t in inForce where Self.constantTimeEqual(presented, Array(t.digest.utf8)) { found = t }
        return found?.listed
    }

    /// The hex SHA-256 of a token's text.
    static func digest(_ token: String) -> String {
        HistoryChain.sha256(Data(token.utf8))
    }

    /// Whether two byte strings are equal, reading every byte whatever the first difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

/// The tokens in force as read at one change stamp (stamped before the read: a commit in between makes them
/// stale, never wrong). Shared by every thread of the registry, behind a lock.
final class CheckedTokens: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp: Int64?
    private var tokens: [StoredToken] = []

    func inForce(at stamp: Int64) -> [StoredToken]? {
        lock.withLock { self.stamp == stamp ? tokens : nil }
    }

    func keep(_ tokens: [StoredToken], at stamp: Int64) {
        lock.withLock {
            self.stamp = stamp
            self.tokens = tokens
        }
    }
}

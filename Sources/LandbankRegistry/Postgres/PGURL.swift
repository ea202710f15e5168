import Foundation

/// A PostgreSQL connection URL as the user gave it, and the same URL fit to print: its password (in the
/// authority or as a `password=` parameter) replaced by `***`. Every message landbank makes about a PostgreSQL
/// registry names it by `redacted`, and any text from the server or libpq has the password removed too.
struct PGURL: Sendable {
    let url: String
    let redacted: String
    /// The password as written in the URL and as meant (percent-decoded).
    private let passwords: [String]

    /// Whether `location` names a PostgreSQL database rather than a file.
    static func isPostgres(_ location: String) -> Bool {
        let l = location.lowercased()
        return l.hasPrefix("postgresql://") || l.hasPrefix("postgres://")
    }

    init(_ url: String) {
        self.url = url
        var redacted = url
        var password: String?
        var written: String?
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let secret = String(authority[authority.index(after: colon)..<at])
                if !secret.isEmpty {
                    written = secret
                    password = secret.removingPercentEncoding ?? secret
                    redacted = url.replacingCharacters(in: authority.index(after: colon)..<at, with: "***")
                }
            }
        }
        // password=… among the parameters.
        if let r = redacted.range(of: "password=", options: .caseInsensitive) {
            let end = redacted[r.upperBound...].firstIndex(of: "&") ?? redacted.endIndex
            let secret = String(redacted[r.upperBound..<end])
            if !secret.isEmpty {
                written = written ?? secret
                password = password ?? (secret.removingPercentEncoding ?? secret)
                redacted.replaceSubrange(r.upperBound..<end, with: "***")
            }
        }
        self.redacted = redacted
        passwords = [written, password].compactMap { $0 }
    }

    /// `text` with the password (and PGPASSWORD's) replaced by `***`.
    func scrub(_ text: String) -> String {
        var out = text
        for secret in passwords + [ProcessInfo.processInfo.environment["PGPASSWORD"]].compactMap({ $0 }) where !secret.isEmpty {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out
    }
}

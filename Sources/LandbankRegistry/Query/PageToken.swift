import Foundation

/// Where a page ended: the sort it was made under and the last result's sort key (its id, its area or its
/// distance, then its id). Given to the caller as opaque text ("v1:" then base64url of the fields); the next
/// page holds what sorts strictly after it.
struct PageToken: Equatable {
    var sort: ParcelSort
    var key: Double
    var id: String

    var text: String {
        let raw = "\(sort.rawValue)\n\(key.bitPattern)\n\(id)"
        return "v1:" + Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    init(sort: ParcelSort, key: Double, id: String) {
        self.sort = sort
        self.key = key
        self.id = id
    }

    /// Reads a token; a token from another sort or not made by landbank throws an invalid-argument error.
    init(_ text: String, sort expected: ParcelSort, path: String) throws {
        let bad = RegistryError(path: path, kind: .invalidArgument, "page token \"\(text.prefix(40))\" was not made by this search")
        guard text.hasPrefix("v1:"),
              let data = Data(base64Encoded: String(text.dropFirst(3)).replacingOccurrences(of: "-", with: "+")
                .replacingOccurrences(of: "_", with: "/")) else { throw bad }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let sort = ParcelSort(rawValue: String(parts[0])), let bits = UInt64(parts[1]) else { throw bad }
        guard sort == expected else {
            throw RegistryError(path: path, kind: .invalidArgument, "page token is for sorting by \(sort.rawValue), not \(expected.rawValue)")
        }
        self.init(sort: sort, key: Double(bitPattern: bits), id: String(parts[2]))
    }

    /// Whether a result with this key sorts after the token.
    func precedes(key k: Double, id i: String) -> Bool { key < k || (key == k && id < i) }
}

import LandbankGeometry
import LandbankLifecycle

/// Takes typed values out of a feature's properties, removing what it takes; errors name the property.
/// CSV cells arrive as strings, so numbers and booleans are read from strings too.
struct AttributeValues {
    var remaining: [JSONMember]

    init(_ properties: [JSONMember]) { remaining = properties }

    mutating func take(_ keys: [String]) -> (key: String, value: JSONValue)? {
        guard let i = remaining.firstIndex(where: { keys.contains($0.key) }) else { return nil }
        let m = remaining.remove(at: i)
        if case .null = m.value { return nil }
        if case .string(let s) = m.value, s.isEmpty { return nil }
        return (m.key, m.value)
    }

    func peek(_ key: String) -> JSONValue? { remaining.first { $0.key == key }?.value }

    mutating func string(_ keys: String...) throws(ImportError.Reason) -> String? {
        try string(keys)?.value
    }

    /// The first of `keys` present, as a string, with the key it was found under.
    mutating func string(_ keys: [String]) throws(ImportError.Reason) -> (key: String, value: String)? {
        guard let (k, v) = take(keys) else { return nil }
        switch v {
        case .string(let s): return (k, s)
        case .number(let n): return (k, n)
        default: throw .badAttribute("property \(DisplayText.quoted(k)) must be a string")
        }
    }

    /// A value for one of the registry's text columns (name, zone, land_use...): whole, or refused.
    mutating func text(_ keys: String..., limit: Int = FeatureLimits.textCharacters) throws(ImportError.Reason) -> String? {
        guard let (k, s) = try string(keys) else { return nil }
        try Self.checkText(s, property: k, limit: limit, limitName: "FeatureLimits.textCharacters")
        return s
    }

    /// Refuses text a registry column cannot hold whole: a NUL (SQLite binds Swift strings as C strings, so
    /// everything after it would be lost silently) or more than `limit` Unicode scalars.
    static func checkText(_ s: String, property: String, limit: Int, limitName: String) throws(ImportError.Reason) {
        if let i = s.unicodeScalars.firstIndex(of: "\u{0}") {
            let at = s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: i) + 1
            throw .badAttribute("property \(DisplayText.quoted(property)) holds a NUL character (\\u0000) at character \(at); "
                + "landbank keeps text whole or not at all, so remove it")
        }
        // utf8.count bounds the scalar count from above, so most values need no count at all.
        if s.utf8.count > limit {
            let n = s.unicodeScalars.count
            if n > limit {
                throw .badAttribute("property \(DisplayText.quoted(property)) is \(n) characters long; the most is \(limit) (\(limitName))")
            }
        }
    }

    mutating func number(_ keys: String...) throws(ImportError.Reason) -> Double? {
        guard let (k, v) = take(keys) else { return nil }
        let text: String
        switch v {
        case .number(let n): text = n
        case .string(let s): text = s.trimmingCharacters(in: .whitespaces)
        default: throw .badAttribute("property \(DisplayText.quoted(k)) must be a number")
        }
        guard let d = Double(text), d.isFinite else { throw .badAttribute("property \(DisplayText.quoted(k)) is not a number: \(DisplayText.quoted(text))") }
        return d
    }

    mutating func integer(_ keys: String...) throws(ImportError.Reason) -> Int? {
        guard let (k, v) = take(keys) else { return nil }
        let text: String
        switch v {
        case .number(let n): text = n
        case .string(let s): text = s
        default: throw .badAttribute("property \(DisplayText.quoted(k)) must be an integer")
        }
        guard let i = Int(text) else { throw .badAttribute("property \(DisplayText.quoted(k)) is not an integer: \(DisplayText.quoted(text))") }
        return i
    }

    mutating func bool(_ keys: String...) throws(ImportError.Reason) -> Bool? {
        guard let (k, v) = take(keys) else { return nil }
        switch v {
        case .bool(let b): return b
        case .number("1"), .string("true"), .string("1"), .string("yes"), .string("是"): return true
        case .number("0"), .string("false"), .string("0"), .string("no"), .string("否"): return false
        default: throw .badAttribute("property \(DisplayText.quoted(k)) must be true or false")
        }
    }

    mutating func date(_ keys: String...) throws(ImportError.Reason) -> CivilDate? {
        guard let (k, v) = take(keys) else { return nil }
        guard case .string(let s) = v, let d = CivilDate(s) else {
            throw .badAttribute("property \(DisplayText.quoted(k)) must be a date written YYYY-MM-DD")
        }
        return d
    }

    mutating func status() throws(ImportError.Reason) -> ParcelStatus? {
        guard let s = try string("status") else { return nil }
        guard let st = ParcelStatus(text: s) else {
            throw .badAttribute("unknown status \(DisplayText.quoted(s)); use one of: " + ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return st
    }

    mutating func disposalMethod() throws(ImportError.Reason) -> DisposalMethod? {
        guard let s = try string("disposal_method") else { return nil }
        guard let d = DisposalMethod(text: s) else {
            throw .badAttribute("unknown disposal method \(DisplayText.quoted(s)); use one of: " + DisposalMethod.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return d
    }

    /// A date the registry reads but keeps among the properties (the ledger's `disposed_on`): checked, not taken.
    func keptDate(_ key: String) throws(ImportError.Reason) -> CivilDate? {
        guard let v = peek(key) else { return nil }
        if case .null = v { return nil }
        guard case .string(let s) = v, let d = CivilDate(s) else {
            throw .badAttribute("property \(DisplayText.quoted(key)) must be a date written YYYY-MM-DD")
        }
        return d
    }

    /// Reads one field; a problem is noted against it, with the value the file gives, instead of thrown, so
    /// that the feature's other fields are read too and every problem is listed in one pass.
    mutating func field<T>(_ key: String, rule: ImportIssue.Rule = .badAttribute, _ problems: inout [FeatureProblem],
                           _ read: (inout AttributeValues) throws(ImportError.Reason) -> T?) -> T? {
        let raw = peek(key)
        do { return try read(&self) } catch {
            problems.append(FeatureProblem(error, rule: rule, field: key, value: raw.map(ImportIssue.shown)))
            return nil
        }
    }

    /// The properties not taken, as the JSON object the registry keeps; each value and the whole object are
    /// bounded by `FeatureLimits`.
    func json() throws(ImportError.Reason) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, m) in remaining.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(m.key, to: &out)
            out.append(UInt8(ascii: ":"))
            let start = out.count
            JSONText.append(m.value, to: &out)
            if out.count - start > FeatureLimits.propertyValueBytes {
                throw .badAttribute("property \(DisplayText.quoted(m.key)) is \(out.count - start) bytes as JSON; the most is "
                    + "\(FeatureLimits.propertyValueBytes) (FeatureLimits.propertyValueBytes)")
            }
            if out.count > FeatureLimits.propertiesBytes {
                throw .badAttribute("the properties kept are more than \(FeatureLimits.propertiesBytes) bytes as JSON "
                    + "(FeatureLimits.propertiesBytes); leave some out of the file")
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

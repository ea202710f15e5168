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
        guard let (k, v) = take(keys) else { return nil }
        switch v {
        case .string(let s): return s
        case .number(let n): return n
        default: throw .badAttribute("property \"\(k)\" must be a string")
        }
    }

    mutating func number(_ keys: String...) throws(ImportError.Reason) -> Double? {
        guard let (k, v) = take(keys) else { return nil }
        let text: String
        switch v {
        case .number(let n): text = n
        case .string(let s): text = s.trimmingCharacters(in: .whitespaces)
        default: throw .badAttribute("property \"\(k)\" must be a number")
        }
        guard let d = Double(text), d.isFinite else { throw .badAttribute("property \"\(k)\" is not a number: \"\(text)\"") }
        return d
    }

    mutating func integer(_ keys: String...) throws(ImportError.Reason) -> Int? {
        guard let (k, v) = take(keys) else { return nil }
        let text: String
        switch v {
        case .number(let n): text = n
        case .string(let s): text = s
        default: throw .badAttribute("property \"\(k)\" must be an integer")
        }
        guard let i = Int(text) else { throw .badAttribute("property \"\(k)\" is not an integer: \"\(text)\"") }
        return i
    }

    mutating func bool(_ keys: String...) throws(ImportError.Reason) -> Bool? {
        guard let (k, v) = take(keys) else { return nil }
        switch v {
        case .bool(let b): return b
        case .number("1"), .string("true"), .string("1"), .string("yes"), .string("是"): return true
        case .number("0"), .string("false"), .string("0"), .string("no"), .string("否"): return false
        default: throw .badAttribute("property \"\(k)\" must be true or false")
        }
    }

    mutating func date(_ keys: String...) throws(ImportError.Reason) -> CivilDate? {
        guard let (k, v) = take(keys) else { return nil }
        guard case .string(let s) = v, let d = CivilDate(s) else {
            throw .badAttribute("property \"\(k)\" must be a date written YYYY-MM-DD")
        }
        return d
    }

    mutating func status() throws(ImportError.Reason) -> ParcelStatus? {
        guard let s = try string("status") else { return nil }
        guard let st = ParcelStatus(text: s) else {
            throw .badAttribute("unknown status \"\(s)\"; use one of: " + ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return st
    }

    mutating func disposalMethod() throws(ImportError.Reason) -> DisposalMethod? {
        guard let s = try string("disposal_method") else { return nil }
        guard let d = DisposalMethod(text: s) else {
            throw .badAttribute("unknown disposal method \"\(s)\"; use one of: " + DisposalMethod.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return d
    }

    /// The date of the status as the input states it: `status_date`, else the ledger's `disposed_on` (kept).
    mutating func statusDate() throws(ImportError.Reason) -> CivilDate? {
        if let d = try date("status_date") { return d }
        guard let v = peek("disposed_on") else { return nil }
        guard case .string(let s) = v, let d = CivilDate(s) else {
            throw .badAttribute("property \"disposed_on\" must be a date written YYYY-MM-DD")
        }
        return d
    }

    var json: String { JSONText.object(remaining) }
}

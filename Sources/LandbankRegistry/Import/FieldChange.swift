import Foundation
import LandbankGeometry

/// One field that a re-delivered ledger changes in a record already in the registry: the field's name, the value
/// stored and the value the file gives, as text (nil: none).
struct FieldChange: Equatable {
    var field: String
    var old: String?
    var new: String?
    /// Text is shown quoted, figures as they are.
    var quoted = true

    /// `land_use "工业" → "商业"`, `floor_area_m2 1200 → 1350`.
    var detail: String { "\(field) \(shown(old)) → \(shown(new))" }

    private func shown(_ s: String?) -> String { s.map { quoted ? DisplayText.quoted($0, limit: 40) : $0 } ?? "none" }

    /// The change, when the two values differ.
    static func of(_ field: String, _ old: String?, _ new: String?) -> FieldChange? {
        old == new ? nil : FieldChange(field: field, old: old, new: new)
    }

    /// A number column's change: figures equal as numbers are not a change (1200 and 1200.0).
    static func of(_ field: String, _ old: Double?, _ new: Double?) -> FieldChange? {
        old == new ? nil : FieldChange(field: field, old: old.map(Self.number), new: new.map(Self.number), quoted: false)
    }

    static func of(_ field: String, _ old: Int?, _ new: Int?) -> FieldChange? {
        old == new ? nil : FieldChange(field: field, old: old.map(String.init), new: new.map(String.init), quoted: false)
    }

    static func of(_ field: String, _ old: Bool, _ new: Bool) -> FieldChange? {
        old == new ? nil : FieldChange(field: field, old: String(old), new: String(new), quoted: false)
    }

    /// "1200" rather than "1200.0"; other figures as Swift prints them (shortest round-trip form).
    static func number(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// The other properties' changes, one per key (`properties.KEY`), in key order. Both are JSON objects as the
    /// registry keeps them; values are compared as JSON, so the order of the keys in the text is no change. A
    /// text that is not a JSON object (written outside landbank) is compared whole.
    static func properties(_ old: String, _ new: String) -> [FieldChange] {
        guard old != new else { return [] }
        guard let a = object(old), let b = object(new) else { return [FieldChange(field: "properties", old: old, new: new)] }
        return Set(a.keys).union(b.keys).sorted().compactMap { k in
            of("properties." + k, a[k], b[k])
        }
    }

    /// Each member's value as text: a string as itself, anything else as canonical JSON.
    private static func object(_ text: String) -> [String: String]? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
              let dict = any as? [String: Any] else { return nil }
        var out: [String: String] = [:]
        for (k, v) in dict {
            if let s = v as? String {
                out[k] = s
            } else if v is NSNull {
                out[k] = "null"
            } else if let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed]) {
                out[k] = String(decoding: d, as: UTF8.self)
            }
        }
        return out
    }
}

/// Text from an input file made safe to print inside a one-line message: quoted, control characters and
/// other invisible scalars escaped as JSON does (`\u0000`, `\n`), and cut short with its length when long, so
/// that neither a NUL nor a 200 MB id reaches the terminal.
public enum DisplayText {
    /// `"NUL\u0000ID"`; a value longer than `limit` scalars becomes `"ABC…" (1048576 characters)`.
    public static func quoted(_ s: String, limit: Int = 80) -> String {
        var out = "\""
        var n = 0
        var cut = false
        for scalar in s.unicodeScalars {
            if n == limit {
                cut = true
                break
            }
            n += 1
            out += escaped(scalar)
        }
        out += "\""
        if cut { out.insert("…", at: out.index(before: out.endIndex)); out += " (\(s.unicodeScalars.count) characters)" }
        return out
    }

    /// True when `s` holds a scalar that `quoted` would escape.
    public static func hasControlCharacter(_ s: String) -> Bool {
        s.unicodeScalars.contains { isControl($0) }
    }

    /// The first control character of `s` written as an escape, e.g. `\u0000`; nil when there is none.
    public static func firstControlCharacter(_ s: String) -> String? {
        s.unicodeScalars.first { isControl($0) }.map(escaped)
    }

    static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) || c.value == 0x2028 || c.value == 0x2029
    }

    static func escaped(_ c: Unicode.Scalar) -> String {
        switch c {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            guard isControl(c) else { return String(c) }
            let hex = String(c.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}

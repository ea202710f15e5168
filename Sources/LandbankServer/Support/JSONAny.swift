import Foundation

/// A JSON value the server builds by hand (error objects, wrappers around pre-encoded parts).
indirect enum JSONAny: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONAny])
    case object([String: JSONAny])
    /// Already-encoded JSON, inserted as it is.
    case raw(Data)

    var data: Data {
        var out = Data()
        write(&out)
        return out
    }

    func write(_ out: inout Data) {
        switch self {
        case .string(let s):
            // JSONEncoder escapes a string exactly as JSON wants it.
            out.append((try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8))
        case .number(let d):
            // Counts are written as whole numbers (1, not 1.0).
            let whole = d.isFinite && d == d.rounded() && abs(d) < 9.0e15
            out.append(Data((whole ? "\(Int64(d))" : d.isFinite ? "\(d)" : "null").utf8))
        case .bool(let b): out.append(Data((b ? "true" : "false").utf8))
        case .null: out.append(Data("null".utf8))
        case .raw(let d): out.append(d)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(&out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in o.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONAny.string(k).write(&out)
                out.append(UInt8(ascii: ":"))
                v.write(&out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

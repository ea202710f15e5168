import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings of the files bureaus hand over: UTF-8, and GBK or its superset GB18030 as Chinese Windows
/// tools write them. Converted with iconv (glibc), whole strings at a time.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "UTF-8"
    /// 汉字内码扩展规范 (CP936): two bytes a character; what most Windows tools mean by "ANSI" in China.
    case gbk = "GBK"
    /// GB 18030-2005: GBK plus four-byte sequences for the rest of Unicode.
    case gb18030 = "GB18030"

    /// Also utf8, cp936, 936, gb2312 (read as GBK, of which it is a subset), any case.
    public init?(name: String) {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8": self = .utf8
        case "GBK", "CP936", "936", "GB2312", "MS936", "WINDOWS-936": self = .gbk
        case "GB18030", "GB-18030": self = .gb18030
        default: return nil
        }
    }

    /// The names `init(name:)` knows, for messages.
    public static let names = "UTF-8, GBK (CP936) or GB18030"

    /// The text, or nil when the bytes are not valid in this encoding.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8: String(validating: bytes, as: UTF8.self)
        // GB18030 decodes every GBK byte sequence the same way, and a GBK file with a four-byte character is
        // better read than refused.
        case .gbk, .gb18030: TextDecoding.gb18030(bytes)
        }
    }

    /// The bytes of `s`, or nil when a character has no code in this encoding (GBK holds about 21,900
    /// characters; GB18030 and UTF-8 hold every one).
    public func encode(_ s: String) -> [UInt8]? {
        switch self {
        case .utf8: Array(s.utf8)
        case .gbk, .gb18030: Self.iconv(Array(s.utf8), from: "UTF-8", to: rawValue)
        }
    }

    /// The first character of `s` this encoding cannot hold, for the error that names it.
    public func firstUnencodable(_ s: String) -> Character? {
        s.first { encode(String($0)) == nil }
    }

    /// Converts a whole buffer; nil on an invalid or unconvertible sequence.
    static func iconv(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // Four bytes out per byte in bounds every conversion between these three.
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let capacity = output.count
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = capacity
                let r = Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r != -1 && inLeft == 0 ? capacity - outLeft : nil
            }
        }
        return written.map { output[..<$0].map { UInt8(bitPattern: $0) } }
    }
}

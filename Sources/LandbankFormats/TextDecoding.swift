import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Text files from Chinese Windows tools come in GB18030 (GBK) as often as in UTF-8.
enum TextDecoding {
    /// The bytes as UTF-8 when they are valid UTF-8, else decoded from GB18030 (iconv), else nil.
    static func utf8OrGB18030(_ bytes: [UInt8]) -> String? {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return gb18030(bytes)
    }

    static func gb18030(_ bytes: [UInt8]) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 4)
        let capacity = output.count
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = capacity
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r != -1 && inLeft == 0 ? capacity - outLeft : nil
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation

/// The text encoding of a Shapefile's .dbf when nothing says it. A .cpg file or the header's language driver
/// id (byte 29) names it, and GDAL honours both; a Chinese .dbf often has neither, and GDAL then reads it as
/// Latin-1, turning 新余 into mojibake. Its text is then looked at: valid UTF-8 multi-byte sequences with (almost)
/// no invalid ones mean UTF-8, other bytes above 0x7F mean GB18030 (which reads GBK and GB2312, the encodings of
/// Chinese Windows). The first `scanBytes` of records decide.
public enum ShapefileEncoding {
    public struct Finding: Equatable, Sendable {
        /// The encoding's name as GDAL (iconv) knows it.
        public var encoding: String
        /// How it was found, for the summary: "from .cpg", "detected".
        public var how: String
        /// Whether GDAL must be told (it reads .cpg and the language driver id itself).
        public var openOption: Bool
    }

    static let scanBytes = 8 << 20

    /// What GDAL will do or must be told for the Shapefile at `shp`; nil when the .dbf holds only ASCII text
    /// (every encoding reads it alike) or cannot be read (GDAL then says why).
    public static func detect(shp: String) throws(FormatError) -> Finding? {
        let stem = (shp as NSString).deletingPathExtension
        let fm = FileManager.default
        if let cpg = [".cpg", ".CPG"].map({ stem + $0 }).first(where: fm.fileExists) {
            let name = (try? String(contentsOfFile: cpg, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            return Finding(encoding: name, how: "from .cpg", openOption: false)
        }
        guard let dbf = [".dbf", ".DBF"].map({ stem + $0 }).first(where: fm.fileExists),
              let handle = FileHandle(forReadingAtPath: dbf) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 32), head.count == 32 else { return nil }
        let header = [UInt8](head)
        if header[29] != 0 { return Finding(encoding: "LDID \(header[29])", how: "from the .dbf header", openOption: false) }
        let headerLength = Int(header[8]) | Int(header[9]) << 8
        guard (try? handle.seek(toOffset: UInt64(headerLength))) != nil,
              let body = try? handle.read(upToCount: scanBytes) else { return nil }
        return classify([UInt8](body))
    }

    /// UTF-8, GB18030 or nil (ASCII only) for the bytes of a .dbf's records.
    public static func classify(_ bytes: [UInt8]) -> Finding? {
        var valid = 0, invalid = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0
            if length > 0, i + length <= bytes.count, (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                valid += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        if valid == 0 && invalid == 0 { return nil }
        // A field cut in the middle of a character leaves a few invalid bytes in a UTF-8 file.
        if valid > 0 && invalid * 10 <= valid { return Finding(encoding: "UTF-8", how: "detected", openOption: true) }
        return Finding(encoding: "GB18030", how: "detected", openOption: true)
    }
}

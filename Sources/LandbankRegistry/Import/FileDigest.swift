import Crypto
import Foundation

/// The SHA-256 of an input file, for the import log: read in 1 MiB chunks, so memory stays flat.
public enum FileDigest {
    /// Hex SHA-256 of the file's bytes; nil for standard input ("-") and for anything but a regular file
    /// (a pipe cannot be read twice).
    public static func sha256(path: String) -> String? {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

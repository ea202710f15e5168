#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a GeoJSON FeatureCollection one feature at a time, streaming: the file is read with read(2) in chunks
/// through one buffer, so memory stays the same for a file of ten features or ten million.
///
/// Geometries must be Polygon, MultiPolygon or null; rings are built through `Ring`, so their invariants hold.
/// A bad feature (wrong geometry type, unclosed ring...) throws an error with `isRecoverable` set, and the
/// next call to `next()` goes on with the following feature; broken JSON stops the reader for good.
/// Not thread-safe: one reader belongs to one thread at a time.
public final class GeoJSONReader {
    public static let defaultChunkSize = 1 << 20

    /// The file's name as used in errors.
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let buffer: UnsafeMutablePointer<UInt8>
    private var parser: GeoJSONParser

    /// Opens the file at `path`; "-" reads standard input.
    public convenience init(path: String, chunkSize: Int = defaultChunkSize) throws(GeoJSONReadError) {
        if path == "-" {
            self.init(fd: STDIN_FILENO, name: "-", ownsDescriptor: false, chunkSize: chunkSize)
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw GeoJSONReadError(file: path, line: 0, column: 0, reason: .cannotOpen(String(cString: strerror(errno))))
        }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        self.init(fd: fd, name: path, ownsDescriptor: true, chunkSize: chunkSize)
    }

    /// Reads from an open descriptor, which the caller keeps and closes.
    public convenience init(fileDescriptor: Int32, name: String, chunkSize: Int = defaultChunkSize) {
        self.init(fd: fileDescriptor, name: name, ownsDescriptor: false, chunkSize: chunkSize)
    }

    private init(fd: Int32, name: String, ownsDescriptor: Bool, chunkSize: Int) {
        precondition(chunkSize > 0, "a chunk holds at least one byte")
        self.name = name
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        // Room for a chunk plus the unread tail of the one before it, whatever the chunk size.
        let capacity = max(chunkSize, 2 * JSONScanner.lookahead) + JSONScanner.lookahead
        buffer = .allocate(capacity: capacity)
        parser = GeoJSONParser(scanner: JSONScanner(fileName: name, fd: fd, buffer: buffer,
                                                    capacity: capacity, readSize: chunkSize))
    }

    deinit {
        parser.scanner.deallocateScratch()
        buffer.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// The top-level members before `features`: the CRS name and the collection's name.
    /// Reading stops at the start of the features array; a `crs` after it is reported by `next()`.
    public func header() throws(GeoJSONReadError) -> GeoJSONHeader {
        do throws(GeoJSONReadError) {
            return try parser.readHeader()
        } catch {
            parser.stage = .failed(error)
            throw error
        }
    }

    /// The next feature, or nil once the features array and the document have ended well.
    /// A document that is a single Feature reads as a collection of one.
    public func next() throws(GeoJSONReadError) -> Feature? {
        do throws(GeoJSONReadError) {
            return try parser.next()
        } catch {
            if !error.isRecoverable { parser.stage = .failed(error) }
            throw error
        }
    }
}

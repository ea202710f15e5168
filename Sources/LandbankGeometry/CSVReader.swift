#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte that separates fields.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
    case pipe = 0x7C
}

/// One data row of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    public var fields: [String]
    /// 1-based line on which the record starts (a quoted field may carry it over several lines).
    public var line: Int
    /// 0-based number of the data row, the header not counted.
    public var index: Int

    public init(fields: [String], line: Int, index: Int) {
        self.fields = fields
        self.line = line
        self.index = index
    }
}

/// Reads an RFC 4180 file record by record, `read(2)`-ing fixed-size chunks so that memory stays constant
/// whatever the file's size. Quoted fields may hold delimiters, doubled quotes and line breaks (kept verbatim);
/// records end with LF, CRLF or CR. A UTF-8 byte order mark is dropped and blank lines are skipped, though they
/// still count as lines. After a field-count, UTF-8 or stray-quote error the reader stands at the next record,
/// so a caller may report the error and go on.
///
/// Not thread-safe: a reader belongs to one task at a time.
public final class CSVReader {
    /// The first row, every record has as many fields.
    public private(set) var header: [String] = []
    public let delimiter: CSVDelimiter
    /// The path as given, `<stdin>` for `-`; errors name it.
    public let file: String

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let buffer: UnsafeMutableRawBufferPointer
    private var pos = 0
    private var end = 0
    private var atEOF = false
    private var line = 1
    private var nextIndex = 0
    /// The field being read, reused so that a record costs no buffer allocation beyond its strings.
    private var field: [UInt8] = []
    /// The first problem met in the current record, thrown once the record has been read to its end.
    private var problem: (line: Int, kind: CSVError.Kind)?
    /// A field or record past `FeatureLimits` stops the reader: it is thrown again by every later call.
    private var failure: CSVError?
    /// The longest field and the largest record read (settable so that tests need not write 16 MiB).
    var fieldLimit = FeatureLimits.tokenBytes
    var recordLimit = FeatureLimits.recordBytes
    /// What each field costs a record beside its bytes, about a String's size: a line of a hundred million
    /// commas stops as surely as one long cell.
    static let fieldCost = 16

    /// Opens `path` (`-` reads standard input) and reads the header row.
    public init(path: String, delimiter: CSVDelimiter = .comma, chunkSize: Int = 1 << 20) throws(CSVError) {
        // A chunk must hold a byte order mark; anything smaller is a caller's bug.
        precondition(chunkSize >= 4, "CSVReader chunkSize must be at least 4 bytes")
        self.delimiter = delimiter
        if path == "-" {
            file = "<stdin>"
            fd = STDIN_FILENO
            ownsDescriptor = false
        } else {
            file = path
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CSVError(file: path, line: nil, .cannotOpen(reason: Self.errnoText())) }
            ownsDescriptor = true
        }
        buffer = .allocate(byteCount: chunkSize, alignment: 1)
        // From here every stored property is set, so a throw runs deinit, which closes and frees.
        try skipByteOrderMark()
        guard let row = try readRecord() else { throw CSVError(file: file, line: 1, .missingHeader) }
        if let problem { throw CSVError(file: file, line: problem.line, problem.kind) }
        header = row.fields
    }

    deinit {
        if ownsDescriptor { close(fd) }
        buffer.deallocate()
    }

    /// The next data record, nil at the end of the file.
    public func next() throws(CSVError) -> CSVRecord? {
        if let failure { throw failure }
        guard let row = try readRecord() else { return nil }
        let index = nextIndex
        nextIndex += 1
        if let problem { throw CSVError(file: file, line: problem.line, problem.kind) }
        guard row.fields.count == header.count else {
            throw CSVError(file: file, line: row.line, .fieldCount(found: row.fields.count, expected: header.count))
        }
        return CSVRecord(fields: row.fields, line: row.line, index: index)
    }

    // MARK: Records and fields

    private enum Terminator { case delimiter, endOfRecord, endOfFile }

    /// The fields of the next non-blank record and its first line; nil at the end of the file.
    private func readRecord() throws(CSVError) -> (fields: [String], line: Int)? {
        problem = nil
        while let b = try peek(), b == .lf || b == .cr {
            pos += 1
            try endLine(b)
        }
        guard try peek() != nil else { return nil }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        var cost = 0
        while true {
            let fieldLine = line
            let terminator = try readField(number: fields.count + 1)
            cost += field.count + Self.fieldCost
            if cost > recordLimit {
                failure = CSVError(file: file, line: startLine, .recordTooLarge(limit: recordLimit))
                throw failure!
            }
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append("")
                report(fieldLine, .invalidUTF8(field: fields.count))
            }
            if terminator != .delimiter { return (fields, startLine) }
        }
    }

    /// Reads one field's bytes into `field` and consumes what ends it.
    private func readField(number: Int) throws(CSVError) -> Terminator {
        field.removeAll(keepingCapacity: true)
        guard try peek() == .quote else { return try readUnquoted() }
        let openLine = line
        pos += 1
        while true {
            guard let b = try appendUntil({ $0 == .quote || $0 == .lf || $0 == .cr }) else {
                throw CSVError(file: file, line: openLine, .unterminatedQuote(field: number))
            }
            pos += 1
            if b == .quote {
                guard try peek() == .quote else { break }
                pos += 1
                field.append(.quote)
            } else {
                field.append(b)
                // Line breaks inside quotes are data; they are only counted, a CRLF once.
                if b == .lf { line += 1 } else if try peek() != .lf { line += 1 }
            }
        }
        guard let b = try peek() else { return .endOfFile }
        if b != delimiter.rawValue && b != .lf && b != .cr {
            // Keep the stray text, as most readers do, but fail the record once it has been read.
            report(line, .textAfterClosingQuote(field: number))
        }
        return try readUnquoted()
    }

    /// Appends bytes up to the next delimiter or line break, then consumes that.
    private func readUnquoted() throws(CSVError) -> Terminator {
        let d = delimiter.rawValue
        guard let b = try appendUntil({ $0 == d || $0 == .lf || $0 == .cr }) else { return .endOfFile }
        pos += 1
        if b == d { return .delimiter }
        try endLine(b)
        return .endOfRecord
    }

    /// Appends the bytes before the first one matching `stop`, a chunk at a time, and returns that byte
    /// unconsumed; nil at the end of the file.
    private func appendUntil(_ stop: (UInt8) -> Bool) throws(CSVError) -> UInt8? {
        while true {
            var i = pos
            while i < end, !stop(buffer[i]) { i += 1 }
            if field.count + (i - pos) > fieldLimit {
                failure = CSVError(file: file, line: line, .fieldTooLong(limit: fieldLimit))
                throw failure!
            }
            field.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[pos..<i]))
            pos = i
            if i < end { return buffer[i] }
            guard try peek() != nil else { return nil }
        }
    }

    /// Counts a record-ending line break whose first byte was just consumed, swallowing the LF of a CRLF.
    private func endLine(_ b: UInt8) throws(CSVError) {
        if b == .cr, try peek() == .lf { pos += 1 }
        line += 1
    }

    private func report(_ line: Int, _ kind: CSVError.Kind) {
        if problem == nil { problem = (line, kind) }
    }

    // MARK: Bytes

    /// The next byte without consuming it, reading a new chunk when the buffer is spent; nil at the end.
    private func peek() throws(CSVError) -> UInt8? {
        if pos == end {
            guard !atEOF else { return nil }
            pos = 0
            end = try readChunk(at: 0)
            if end == 0 {
                atEOF = true
                return nil
            }
        }
        return buffer[pos]
    }

    /// Reads into the buffer from `offset`; 0 means the end of the file.
    private func readChunk(at offset: Int) throws(CSVError) -> Int {
        while true {
            let n = read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n >= 0 { return n }
            if errno != EINTR { throw CSVError(file: file, line: line, .readFailed(reason: Self.errnoText())) }
        }
    }

    /// Drops EF BB BF at the very start; a pipe may deliver fewer than three bytes per read.
    private func skipByteOrderMark() throws(CSVError) {
        while end < 3, !atEOF {
            let n = try readChunk(at: end)
            if n == 0 { atEOF = true } else { end += n }
        }
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { pos = 3 }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

extension UInt8 {
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let lf = UInt8(ascii: "\n")
    fileprivate static let cr = UInt8(ascii: "\r")
}

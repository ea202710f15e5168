#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A place in the text: 1-based line and byte column.
struct SourceLocation: Equatable {
    var line: Int
    var column: Int
}

/// Pulls bytes from a file descriptor through one fixed buffer and hands out JSON tokens; knows nothing of GeoJSON.
/// Memory is the buffer plus scratch space for the longest string, whatever the size of the file.
/// The buffer is borrowed: `GeoJSONReader` allocates and frees it.
struct JSONScanner {
    typealias Failure = GeoJSONReadError

    let fileName: String
    let fd: Int32
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes asked of each read(2).
    let readSize: Int
    var pos = 0
    var end = 0
    var atEOF = false
    /// File offset of `buffer[0]`.
    var base = 0
    /// Newlines can only appear in whitespace (a string may not hold a raw one), so whitespace skipping
    /// keeps the line count and every location is known at no extra cost.
    var line = 1
    /// File offset of the first byte of the current line.
    var lineStart = 0
    /// The decoded bytes of the last string read: in the buffer itself when the string had no escapes and
    /// did not cross a chunk (the usual case, with no copy), else in `scratch`. Valid until the next read.
    var string = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Room for a string that had to be copied, or a number longer than the look-ahead; grows as needed.
    /// Freed by `GeoJSONReader` through `deallocateScratch()`.
    private(set) var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256
    var scratchCount = 0

    /// The longest run that `ensure` can promise: numbers, literals and escapes are shorter and are read in place.
    static let lookahead = 64

    init(fileName: String, fd: Int32, buffer: UnsafeMutablePointer<UInt8>, capacity: Int, readSize: Int) {
        precondition(capacity >= 2 * Self.lookahead, "the buffer must hold a look-ahead run twice")
        self.fileName = fileName
        self.fd = fd
        self.buffer = buffer
        self.capacity = capacity
        self.readSize = readSize
        scratch = .allocate(capacity: scratchCapacity)
    }

    func deallocateScratch() {
        scratch.deallocate()
    }

    mutating func appendScratch(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if scratchCount + n > scratchCapacity {
            let capacity = max(2 * scratchCapacity, scratchCount + n)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: scratch, count: scratchCount)
            scratch.deallocate()
            scratch = grown
            scratchCapacity = capacity
        }
        (scratch + scratchCount).update(from: bytes, count: n)
        scratchCount += n
    }

    mutating func appendScratch(_ byte: UInt8) {
        withUnsafePointer(to: byte) { appendScratch($0, count: 1) }
    }

    var scratchBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: scratch, count: scratchCount) }

    var location: SourceLocation { SourceLocation(line: line, column: base + pos - lineStart + 1) }

    func error(_ reason: GeoJSONReadError.Reason, at place: SourceLocation? = nil) -> GeoJSONReadError {
        let p = place ?? location
        return GeoJSONReadError(file: fileName, line: p.line, column: p.column, reason: reason)
    }

    // MARK: Buffer

    /// Reads more bytes after the unread ones, moving those to the front first. False at end of file.
    mutating func fill() throws(Failure) -> Bool {
        if atEOF { return false }
        if let s = string.baseAddress, s >= buffer && s < buffer + capacity {
            // The last string lies in the part of the buffer about to be reused: keep a copy.
            scratchCount = 0
            appendScratch(s, count: string.count)
            string = scratchBytes
        }
        if pos > 0 {
            let unread = end - pos
            if unread > 0 { memmove(buffer, buffer + pos, unread) }
            base += pos
            pos = 0
            end = unread
        }
        while true {
            let want = min(readSize, capacity - end)
            let got = read(fd, buffer + end, want)
            if got > 0 {
                end += got
                return true
            }
            if got == 0 {
                atEOF = true
                return false
            }
            if errno == EINTR { continue }
            throw error(.readFailed(String(cString: strerror(errno))))
        }
    }

    /// Makes at least `n` (≤ `lookahead`) bytes readable at `pos` unless the file ends first; returns how many are.
    @inline(__always)
    mutating func ensure(_ n: Int) throws(Failure) -> Int {
        while end - pos < n {
            if try !fill() { break }
        }
        return end - pos
    }

    // MARK: Structure

    mutating func skipWhitespace() throws(Failure) {
        while true {
            while pos < end {
                let b = buffer[pos]
                if b == 0x20 || b == 0x09 || b == 0x0D {
                    pos += 1
                } else if b == 0x0A {
                    pos += 1
                    line += 1
                    lineStart = base + pos
                } else {
                    return
                }
            }
            if try !fill() { return }
        }
    }

    /// The next byte that is not whitespace, not consumed; nil at end of file.
    @inline(__always)
    mutating func peek() throws(Failure) -> UInt8? {
        if pos < end {
            let b = buffer[pos]
            if b > 0x20 { return b }
            // One space between tokens, as ogr2ogr writes them: "[ 114.9, 27.8 ]".
            if b == 0x20 && pos + 1 < end && buffer[pos + 1] > 0x20 {
                pos += 1
                return buffer[pos]
            }
        }
        try skipWhitespace()
        return pos < end ? buffer[pos] : nil
    }

    /// Consumes `byte` after optional whitespace, or throws naming `expected`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expected: @autoclosure () -> String) throws(Failure) {
        guard try peek() == byte else { throw unexpected(expected()) }
        pos += 1
    }

    /// The error for the byte at `pos` (or the end of file) when `expected` was due.
    func unexpected(_ expected: String) -> GeoJSONReadError {
        guard pos < end else { return error(.unexpectedEnd(expected: expected)) }
        let b = buffer[pos]
        let found = b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16)
        return error(.unexpectedCharacter(found: found, expected: expected))
    }

    /// Consumes `{`; true when a member follows, false when the object is empty (its `}` consumed too).
    mutating func beginObject() throws(Failure) -> Bool {
        try expect(UInt8(ascii: "{"), "'{'")
        if try peek() == UInt8(ascii: "}") {
            pos += 1
            return false
        }
        return true
    }

    /// Reads a member name into `string` and consumes the colon after it.
    mutating func readKey() throws(Failure) {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected("a member name in quotes") }
        try readStringBytes()
        try expect(UInt8(ascii: ":"), "':' after a member name")
    }

    /// After a member's value: true when another member follows (`,` consumed), false at `}` (consumed).
    mutating func nextMember() throws(Failure) -> Bool {
        switch try peek() {
        case UInt8(ascii: ","): pos += 1; return true
        case UInt8(ascii: "}"): pos += 1; return false
        default: throw unexpected("',' or '}'")
        }
    }

    /// Consumes `[`; true when an element follows, false when the array is empty (its `]` consumed too).
    mutating func beginArray() throws(Failure) -> Bool {
        try expect(UInt8(ascii: "["), "'['")
        if try peek() == UInt8(ascii: "]") {
            pos += 1
            return false
        }
        return true
    }

    /// After an element: true when another follows (`,` consumed), false at `]` (consumed).
    @inline(__always)
    mutating func nextElement() throws(Failure) -> Bool {
        switch try peek() {
        case UInt8(ascii: ","): pos += 1; return true
        case UInt8(ascii: "]"): pos += 1; return false
        default: throw unexpected("',' or ']'")
        }
    }

    /// True when the last string read is exactly `name`.
    func stringIs(_ name: StaticString) -> Bool {
        string.count == name.utf8CodeUnitCount && memcmp(string.baseAddress!, name.utf8Start, string.count) == 0
    }

    /// Consumes the literal `true`, `false` or `null` that starts at `pos`.
    mutating func readLiteral(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        let available = try ensure(n)
        guard available >= n, memcmp(buffer + pos, word.utf8Start, n) == 0 else {
            if available < n && memcmp(buffer + pos, word.utf8Start, available) == 0 {
                throw error(.unexpectedEnd(expected: "'\(word)'"))  // the file ends inside the word
            }
            throw unexpected("a JSON value")
        }
        pos += n
    }
}

/// JSON numbers and whole values: read into `JSONValue`, or skipped.
extension JSONScanner {
    /// Deeper nesting is refused, so that a hostile file cannot exhaust the stack.
    static let maxDepth = FeatureLimits.nestingDepth
    /// What one value kept by `readValue` costs beside its text, against `FeatureLimits.recordBytes`: about
    /// what it takes in memory, so that a million tiny values cannot cost a gigabyte.
    static let valueCost = 32

    /// Reads a number as a double (see `doubleValue(of:text:)` for the rounding).
    @inline(__always)
    mutating func readDouble() throws(Failure) -> Double {
        guard try peek() != nil else { throw unexpected("a number") }
        if end - pos < Self.lookahead { _ = try ensure(Self.lookahead) }
        switch scanJSONNumber(buffer + pos, count: end - pos, isComplete: atEOF) {
        case .number(let token):
            let v = doubleValue(of: token, text: buffer + pos)
            pos += token.length
            return v
        case .invalid:
            throw invalidNumber()
        case .incomplete:
            let token = try readLongNumber()
            return doubleValue(of: token, text: scratch)
        }
    }

    /// Reads a number and returns its literal text, checked against JSON's grammar.
    mutating func readNumberText() throws(Failure) -> String {
        guard try peek() != nil else { throw unexpected("a number") }
        if end - pos < Self.lookahead { _ = try ensure(Self.lookahead) }
        switch scanJSONNumber(buffer + pos, count: end - pos, isComplete: atEOF) {
        case .number(let token):
            let text = String(decoding: UnsafeBufferPointer(start: buffer + pos, count: token.length), as: UTF8.self)
            pos += token.length
            return text
        case .invalid:
            throw invalidNumber()
        case .incomplete:
            _ = try readLongNumber()
            return String(decoding: scratchBytes, as: UTF8.self)
        }
    }

    /// A number longer than the look-ahead: gathers it into `scratch`, whatever the chunk boundaries.
    @inline(never)
    private mutating func readLongNumber() throws(Failure) -> DecimalToken {
        let start = location
        string = UnsafeBufferPointer(start: nil, count: 0)
        scratchCount = 0
        while true {
            var i = pos
            while i < end, Self.mayContinueNumber(buffer[i]) { i += 1 }
            appendScratch(buffer + pos, count: i - pos)
            pos = i
            if scratchCount > FeatureLimits.tokenBytes {
                throw error(.tokenTooLong(limit: FeatureLimits.tokenBytes), at: start)
            }
            if pos < end { break }
            if try !fill() { break }
        }
        let scan = scanJSONNumber(scratch, count: scratchCount, isComplete: true)
        guard case .number(let token) = scan, token.length == scratchCount else {
            throw error(.invalidNumber(String(decoding: scratchBytes.prefix(24), as: UTF8.self)), at: start)
        }
        return token
    }

    private static func mayContinueNumber(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b | 0x20 == UInt8(ascii: "e")
    }

    /// The error for a bad number at `pos`, quoting what was written (NaN, Infinity, 01, 1e...).
    private func invalidNumber() -> GeoJSONReadError {
        var i = pos
        while i < end && i - pos < 24 {
            let b = buffer[i]
            if b <= 0x20 || b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { break }
            i += 1
        }
        let text = String(decoding: UnsafeBufferPointer(start: buffer + pos, count: i - pos), as: UTF8.self)
        return error(.invalidNumber(text))
    }

    /// Reads a member name as a string and consumes the colon after it.
    mutating func readKeyString() throws(Failure) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw unexpected("a member name in quotes") }
        let start = location
        try readStringBytes()
        let key = try stringValue(startingAt: start)
        try expect(UInt8(ascii: ":"), "':' after a member name")
        return key
    }

    /// Reads any JSON value, keeping object members in order and numbers as their literal text. The value may
    /// cost at most `FeatureLimits.recordBytes` (its strings and numbers, plus `valueCost` for each value), and
    /// a number must fit a double: `1e309` is refused rather than kept to become infinity later.
    mutating func readValue() throws(Failure) -> JSONValue {
        _ = try peek()
        let start = location
        var budget = FeatureLimits.recordBytes
        return try readValue(depth: 0, budget: &budget, start: start)
    }

    private mutating func readValue(depth: Int, budget: inout Int, start: SourceLocation) throws(Failure) -> JSONValue {
        guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth)) }
        budget -= Self.valueCost
        if budget < 0 { throw error(.valueTooLarge(limit: FeatureLimits.recordBytes), at: start) }
        switch try peek() {
        case UInt8(ascii: "\""):
            let s = try readString()
            budget -= string.count
            if budget < 0 { throw error(.valueTooLarge(limit: FeatureLimits.recordBytes), at: start) }
            return .string(s)
        case UInt8(ascii: "{"):
            var members: [JSONMember] = []
            if try beginObject() {
                repeat {
                    let key = try readKeyString()
                    budget -= key.utf8.count
                    members.append(JSONMember(key, try readValue(depth: depth + 1, budget: &budget, start: start)))
                } while try nextMember()
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            if try beginArray() {
                repeat {
                    elements.append(try readValue(depth: depth + 1, budget: &budget, start: start))
                } while try nextElement()
            }
            return .array(elements)
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        case let b? where Self.mayStartNumber(b):
            let at = location
            let text = try readNumberText()
            budget -= text.utf8.count
            guard let d = Double(text), d.isFinite else { throw error(.numberOutOfRange(text), at: at) }
            return .number(text)
        default:
            throw unexpected("a JSON value")
        }
    }

    /// Consumes any JSON value without keeping it.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth)) }
        switch try peek() {
        case UInt8(ascii: "\""):
            try readStringBytes()
        case UInt8(ascii: "{"):
            if try beginObject() {
                repeat {
                    try readKey()
                    try skipValue(depth: depth + 1)
                } while try nextMember()
            }
        case UInt8(ascii: "["):
            if try beginArray() {
                repeat {
                    try skipValue(depth: depth + 1)
                } while try nextElement()
            }
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case let b? where Self.mayStartNumber(b):
            _ = try readDouble()
        default:
            throw unexpected("a JSON value")
        }
    }

    /// Digits and minus start numbers; letters, '+' and '.' are read as numbers too so that NaN, Infinity,
    /// +1 and .5 are reported as invalid numbers rather than as stray characters.
    static func mayStartNumber(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
    }
}

/// JSON strings: escapes including \uXXXX surrogate pairs; UTF-8 passes through and is validated.
extension JSONScanner {
    /// Reads the string whose opening quote is at `pos`, leaving its decoded UTF-8 bytes in `string`.
    mutating func readStringBytes() throws(Failure) {
        pos += 1
        let start = pos
        var i = pos
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            i += 1
        }
        if i < end && buffer[i] == UInt8(ascii: "\"") {
            string = UnsafeBufferPointer(start: buffer + start, count: i - start)  // no escape, no chunk crossed
            pos = i + 1
            return
        }
        try readEscapedOrLongString()
    }

    /// The slow path of `readStringBytes`, from `pos` just after the opening quote: escapes and chunk crossings.
    @inline(never)
    private mutating func readEscapedOrLongString() throws(Failure) {
        string = UnsafeBufferPointer(start: nil, count: 0)
        scratchCount = 0
        var opening = location
        opening.column -= 1
        while true {
            var i = pos
            while i < end {
                let b = buffer[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                i += 1
            }
            // A hostile string stops here rather than growing the scratch space to the size of the file.
            if scratchCount + (i - pos) > FeatureLimits.tokenBytes {
                throw error(.tokenTooLong(limit: FeatureLimits.tokenBytes), at: opening)
            }
            appendScratch(buffer + pos, count: i - pos)
            pos = i
            guard pos < end else {
                if try !fill() { throw error(.unterminatedString) }
                continue
            }
            switch buffer[pos] {
            case UInt8(ascii: "\""):
                pos += 1
                string = scratchBytes
                return
            case UInt8(ascii: "\\"):
                try readEscape()
            case 0x0A, 0x0D:
                throw error(.unterminatedString)  // most likely a missing closing quote
            default:
                throw error(.controlCharacterInString)
            }
        }
    }

    /// Reads the string at `pos` (which must be a quote) as a Swift string.
    mutating func readString() throws(Failure) -> String {
        let start = location
        try readStringBytes()
        return try stringValue(startingAt: start)
    }

    /// `string` as a Swift string, refusing invalid UTF-8 rather than replacing it silently.
    func stringValue(startingAt start: SourceLocation) throws(Failure) -> String {
        guard Self.isValidUTF8(string) else { throw error(.invalidUTF8, at: start) }
        return String(decoding: string, as: UTF8.self)
    }

    /// UTF-8 as RFC 3629 has it: shortest forms only, no surrogates, nothing past U+10FFFF.
    static func isValidUTF8(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        while i < n {
            let b0 = s[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF:
                length = 3
                if b0 == 0xE0 { low = 0xA0 } else if b0 == 0xED { high = 0x9F }
            case 0xF0...0xF4:
                length = 4
                if b0 == 0xF0 { low = 0x90 } else if b0 == 0xF4 { high = 0x8F }
            default: return false
            }
            guard i + length <= n, s[i + 1] >= low && s[i + 1] <= high else { return false }
            for k in 2..<length where s[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// Decodes the escape whose backslash is at `pos` onto the scratch space.
    private mutating func readEscape() throws(Failure) {
        let available = try ensure(12)  // the longest escape: a surrogate pair, \uD83D\uDE00
        guard available >= 2 else { throw error(.unterminatedString) }
        let simple: UInt8
        switch buffer[pos + 1] {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            guard available >= 6, let unit = hex4(at: pos + 2) else { throw error(.invalidEscape) }
            var scalar = unit
            if unit >= 0xD800 && unit <= 0xDBFF {
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard available >= 12, buffer[pos + 6] == UInt8(ascii: "\\"), buffer[pos + 7] == UInt8(ascii: "u"),
                      let low = hex4(at: pos + 8), low >= 0xDC00 && low <= 0xDFFF else {
                    throw error(.invalidEscape)
                }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                pos += 6
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(.invalidEscape)  // a low surrogate alone
            }
            pos += 6
            appendUTF8(scalar)
            return
        default:
            throw error(.invalidEscape)
        }
        appendScratch(simple)
        pos += 2
    }

    private func hex4(at i: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let b = buffer[k]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            appendScratch(UInt8(scalar))
        case ..<0x800:
            appendScratch(UInt8(0xC0 | scalar >> 6))
            appendScratch(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            appendScratch(UInt8(0xE0 | scalar >> 12))
            appendScratch(UInt8(0x80 | scalar >> 6 & 0x3F))
            appendScratch(UInt8(0x80 | scalar & 0x3F))
        default:
            appendScratch(UInt8(0xF0 | scalar >> 18))
            appendScratch(UInt8(0x80 | scalar >> 12 & 0x3F))
            appendScratch(UInt8(0x80 | scalar >> 6 & 0x3F))
            appendScratch(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// Well-Known Text for the two geometry types a parcel may have: `POLYGON` and `MULTIPOLYGON`.
public enum WKT {}

/// A geometry read from (E)WKT, with the SRID of its `SRID=n;` prefix when it had one.
public struct WKTGeometry: Hashable, Sendable {
    public var geometry: Geometry
    /// nil when the text had no EWKT prefix; the reader never assumes a CRS.
    public var srid: Int?

    public init(geometry: Geometry, srid: Int? = nil) {
        self.geometry = geometry
        self.srid = srid
    }
}

extension WKT {
    /// Reads `[SRID=n;]POLYGON [Z|M|ZM] (...)` or `MULTIPOLYGON [Z|M|ZM] (...)`. Keywords are case-insensitive,
    /// whitespace is free, ordinates beyond x and y are read and dropped. Numbers are converted as strtod does.
    /// Every ring is checked by `Ring`, so an invariant error names its polygon, ring and coordinate.
    public static func parse(_ text: String) throws(WKTError) -> WKTGeometry {
        var parser = WKTParser(Array(text.utf8))
        return try parser.parse()
    }
}

/// A recursive-descent reader over the UTF-8 bytes of one WKT text; positions are byte offsets until an error
/// converts them to character offsets.
struct WKTParser {
    private let bytes: [UInt8]
    private var pos = 0
    /// Ordinates per coordinate when a Z, M or ZM tag fixes them; nil accepts 2 to 4.
    private var ordinates: Int?
    /// Points read so far, all rings together, against `FeatureLimits.featurePoints`.
    private var pointCount = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parse() throws(WKTError) -> WKTGeometry {
        skipSpace()
        var srid: Int?
        var typeStart = pos
        var type = word().uppercased()
        if type == "SRID" {
            srid = try sridPrefix()
            skipSpace()
            typeStart = pos
            type = word().uppercased()
        }
        if type.isEmpty { throw unexpected("POLYGON or MULTIPOLYGON") }
        for tag in ["ZM", "Z", "M"] where type.hasSuffix(tag) && ["POLYGON", "MULTIPOLYGON"].contains(type.dropLast(tag.count)) {
            ordinates = tag.count + 2
            type.removeLast(tag.count)
        }
        guard type == "POLYGON" || type == "MULTIPOLYGON" else {
            throw error(at: typeStart, .geometry(GeometryError(.wrongGeometryType(otherTypeName(type)))))
        }
        try dimensionTag()
        let geometry: Geometry
        if type == "POLYGON" {
            geometry = .polygon(try polygon(index: nil))
        } else {
            geometry = .multiPolygon(try multiPolygon())
        }
        skipSpace()
        if pos < bytes.count {
            throw error(at: pos, .trailingText(String(decoding: bytes[pos..<min(bytes.count, pos + 20)], as: UTF8.self)))
        }
        return WKTGeometry(geometry: geometry, srid: srid)
    }

    /// The standard name of a type other than a polygon, with the Z, M or ZM written after it or joined to
    /// it, e.g. "CircularString Z" for `CIRCULARSTRING Z (...)` or `circularstringz(...)`; an unknown word as written.
    private mutating func otherTypeName(_ written: String) -> String {
        var base = written
        var tag = ""
        if GeometryTypeName.canonical(base) == nil {
            for t in ["ZM", "Z", "M"] where base.hasSuffix(t) && GeometryTypeName.canonical(String(base.dropLast(t.count))) != nil {
                base.removeLast(t.count)
                tag = t
                break
            }
        }
        guard let name = GeometryTypeName.canonical(base) else { return written }
        if tag.isEmpty {
            skipSpace()
            let next = word().uppercased()
            if ["Z", "M", "ZM"].contains(next) { tag = next }
        }
        return name + (tag.isEmpty ? "" : " " + tag)
    }

    /// `=n;` after the word SRID.
    private mutating func sridPrefix() throws(WKTError) -> Int {
        try expect(UInt8(ascii: "="), "'='")
        skipSpace()
        let start = pos
        while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        guard let srid = Int(String(decoding: bytes[start..<pos], as: UTF8.self)) else {
            pos = start
            throw unexpected("an SRID number")
        }
        try expect(UInt8(ascii: ";"), "';'")
        return srid
    }

    /// An optional Z, M or ZM after the type, then `EMPTY`, which is refused.
    private mutating func dimensionTag() throws(WKTError) {
        skipSpace()
        var start = pos
        var tag = word().uppercased()
        if ordinates == nil, ["Z", "M", "ZM"].contains(tag) {
            ordinates = tag.count + 2
            skipSpace()
            start = pos
            tag = word().uppercased()
        }
        switch tag {
        case "": return
        case "EMPTY": throw error(at: start, .geometry(GeometryError(.empty)))
        default:
            pos = start
            throw unexpected("'(' or EMPTY")
        }
    }

    private mutating func multiPolygon() throws(WKTError) -> MultiPolygon {
        let open = try openParen()
        var polygons: [Polygon] = []
        repeat {
            if polygons.count == FeatureLimits.multiPolygonParts {
                try limit(at: pos) { () throws(GeometryError) in try FeatureLimits.checkMultiPolygon(parts: polygons.count + 1) }
            }
            polygons.append(try polygon(index: polygons.count))
        } while try commaOrClose(openedAt: open)
        // The grammar guarantees at least one polygon, so MultiPolygon's only invariant holds.
        return try! MultiPolygon(polygons)
    }

    /// `((ring), (hole), ...)`; `index` is the polygon's place in a multipolygon.
    private mutating func polygon(index: Int?) throws(WKTError) -> Polygon {
        let open = try openParen()
        var rings: [Ring] = []
        repeat {
            if rings.count == FeatureLimits.polygonRings {
                try limit(at: pos, polygon: index) { () throws(GeometryError) in try FeatureLimits.checkPolygon(rings: rings.count + 1) }
            }
            rings.append(try ring(polygon: index, ring: rings.count))
        } while try commaOrClose(openedAt: open)
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    private mutating func ring(polygon: Int?, ring: Int) throws(WKTError) -> Ring {
        let open = try openParen()
        var points: [Point] = []
        repeat {
            pointCount += 1
            if points.count == FeatureLimits.ringPoints || pointCount > FeatureLimits.featurePoints {
                try limit(at: pos, polygon: polygon, ring: ring) { () throws(GeometryError) in
                    try FeatureLimits.checkRing(points: points.count + 1)
                    try FeatureLimits.checkFeature(points: pointCount)
                }
            }
            points.append(try coordinate())
        } while try commaOrClose(openedAt: open)
        do {
            return try Ring(points)
        } catch {
            var e = error
            e.polygon = polygon
            e.ring = ring
            let at = e.coordinate.map { coordinateOffset(ringOpenedAt: open, index: $0) } ?? open
            throw self.error(at: at, .geometry(e))
        }
    }

    /// x and y, then the ordinates a tag asks for, or up to two more when there was no tag.
    private mutating func coordinate() throws(WKTError) -> Point {
        let x = try number()
        let y = try number()
        if let n = ordinates {
            for _ in 2..<n { _ = try number() }
        } else {
            for _ in 0..<2 {
                skipSpace()
                guard pos < bytes.count, startsNumber(bytes[pos]) else { break }
                _ = try number()
            }
        }
        return Point(x: x, y: y)
    }

    /// The longest run of number-like bytes, converted by the standard library's correctly rounded reader
    /// (strtod underneath). `nan` and `inf` convert to non-finite values, which `Ring` then refuses.
    private mutating func number() throws(WKTError) -> Double {
        skipSpace()
        let start = pos
        while pos < bytes.count, isNumberByte(bytes[pos]) { pos += 1 }
        guard pos > start, let value = Double(String(decoding: bytes[start..<pos], as: UTF8.self)) else {
            pos = start
            throw error(at: start, .expectedNumber(found: token(at: start)))
        }
        return value
    }

    // MARK: Tokens

    private mutating func openParen() throws(WKTError) -> Int {
        skipSpace()
        let open = pos
        try expect(UInt8(ascii: "("), "'('")
        return open
    }

    /// True after a comma, false after the closing parenthesis.
    private mutating func commaOrClose(openedAt open: Int) throws(WKTError) -> Bool {
        skipSpace()
        guard pos < bytes.count else { throw error(at: pos, .unterminated(openedAt: characterOffset(open))) }
        switch bytes[pos] {
        case UInt8(ascii: ","): pos += 1; return true
        case UInt8(ascii: ")"): pos += 1; return false
        default: throw unexpected("',' or ')'")
        }
    }

    private mutating func expect(_ byte: UInt8, _ name: String) throws(WKTError) {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == byte else { throw unexpected(name) }
        pos += 1
    }

    /// A run of ASCII letters, possibly empty.
    private mutating func word() -> String {
        let start = pos
        while pos < bytes.count, isLetter(bytes[pos]) { pos += 1 }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    /// The token starting at `start` as it would be shown to a user: a word or number, or one character.
    private func token(at start: Int) -> String? {
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, end - start < 20, isNumberByte(bytes[end]) { end += 1 }
        if end == start {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }  // the rest of a multi-byte scalar
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: Errors

    /// Runs a `FeatureLimits` check, placing its error in the text and in the geometry.
    private func limit(at offset: Int, polygon: Int? = nil, ring: Int? = nil,
                       _ check: () throws(GeometryError) -> Void) throws(WKTError) {
        do { try check() } catch {
            var e = error
            e.polygon = polygon
            e.ring = ring
            throw self.error(at: offset, .geometry(e))
        }
    }

    private func unexpected(_ expected: String) -> WKTError {
        error(at: pos, .unexpectedToken(expected: expected, found: token(at: pos)))
    }

    private func error(at byteOffset: Int, _ reason: WKTError.Reason) -> WKTError {
        WKTError(offset: characterOffset(byteOffset), reason)
    }

    /// Unicode scalars before a byte offset: every byte that does not continue a multi-byte sequence.
    private func characterOffset(_ byteOffset: Int) -> Int {
        bytes[..<byteOffset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Where coordinate `index` of the ring opened at `open` starts; only called on the error path, so the
    /// happy path keeps no offsets. Rings hold no nested parentheses, so counting commas finds it.
    private func coordinateOffset(ringOpenedAt open: Int, index: Int) -> Int {
        var at = open + 1
        var commas = 0
        while at < bytes.count, commas < index {
            if bytes[at] == UInt8(ascii: ",") { commas += 1 }
            at += 1
        }
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        return at
    }
}

private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
private func startsNumber(_ b: UInt8) -> Bool {
    isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
}
private func isNumberByte(_ b: UInt8) -> Bool { startsNumber(b) || isLetter(b) }

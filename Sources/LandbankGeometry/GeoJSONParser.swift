/// The top-level members of a FeatureCollection that come before its features.
public struct GeoJSONHeader: Equatable, Sendable {
    /// The old-style (GeoJSON 2008) `crs` name as written, e.g. "urn:ogc:def:crs:EPSG::4547" or "EPSG:4547";
    /// nil when the file has no `crs` member, which RFC 7946 reads as WGS 84 longitude/latitude.
    public var crsName: String?
    /// The collection's `name` member, as ogr2ogr writes it (usually the layer name).
    public var name: String?

    public init(crsName: String? = nil, name: String? = nil) {
        self.crsName = crsName
        self.name = name
    }
}

/// The GeoJSON grammar over a `JSONScanner`: a FeatureCollection read one feature at a time.
/// A struct, so that the hot path runs on `inout self` without the exclusivity checks a class's
/// stored properties would cost on every byte.
struct GeoJSONParser {
    enum Stage {
        case start
        /// Inside `features`, before the first element.
        case firstFeature
        /// Inside `features`, after an element (or after a recoverable error in one).
        case nextFeature
        /// The document is a single Feature, already read: it is handed out as a collection of one.
        case single(FeatureDraft)
        case done
        case failed(GeoJSONReadError)
    }

    var scanner: JSONScanner
    var raw = RawCoordinates()
    var stage = Stage.start
    var header = GeoJSONHeader()
    var nextIndex = 0

    init(scanner: JSONScanner) {
        self.scanner = scanner
    }

    /// Reads the top-level members up to the `[` of `features`.
    mutating func readHeader() throws(JSONScanner.Failure) -> GeoJSONHeader {
        guard case .start = stage else { return header }
        if try scanner.ensure(3) >= 3, scanner.buffer[0] == 0xEF, scanner.buffer[1] == 0xBB, scanner.buffer[2] == 0xBF {
            scanner.pos = 3  // a UTF-8 byte order mark, as some Windows tools write
        }
        var typeName: String?
        var single = FeatureDraft()
        var hasFeatureMembers = false
        guard try scanner.beginObject() else { throw scanner.error(.missingMember("features")) }
        repeat {
            try scanner.readKey()
            if scanner.stringIs("type") {
                _ = try scanner.peek()
                let at = scanner.location
                let type = try scanner.peek() == UInt8(ascii: "\"") ? try scanner.readString() : ""
                guard type == "FeatureCollection" || type == "Feature" else {
                    throw scanner.error(.unexpectedType(found: type, expected: "FeatureCollection"), at: at)
                }
                typeName = type
            } else if scanner.stringIs("features") && typeName != "Feature" {
                try scanner.expect(UInt8(ascii: "["), "'[' starting the features array")
                stage = .firstFeature
                return header
            } else if scanner.stringIs("crs") {
                _ = try scanner.peek()
                let at = scanner.location
                header.crsName = try crsName(in: scanner.readValue(), at: at)
            } else if scanner.stringIs("name") {
                if try scanner.peek() == UInt8(ascii: "\"") {
                    header.name = try scanner.readString()
                } else {
                    try scanner.skipValue()
                }
            } else if scanner.stringIs("geometry") || scanner.stringIs("properties") || scanner.stringIs("id") {
                hasFeatureMembers = true
                try readFeatureMember(into: &single)
            } else {
                try scanner.skipValue()
            }
        } while try scanner.nextMember()
        guard typeName == "Feature" || (typeName == nil && hasFeatureMembers) else {
            throw scanner.error(.missingMember("features"))
        }
        try finishDocument()
        stage = .single(single)
        return header
    }

    /// The next feature, or nil after checking that the document ends well.
    mutating func next() throws(JSONScanner.Failure) -> Feature? {
        switch stage {
        case .start:
            _ = try readHeader()
            return try next()
        case .failed(let e):
            throw e
        case .done:
            return nil
        case .single(let draft):
            stage = .done
            nextIndex = 1
            return try feature(from: draft, index: 0)
        case .firstFeature:
            if try scanner.peek() == UInt8(ascii: "]") {
                scanner.pos += 1
                try finishCollection()
                return nil
            }
        case .nextFeature:
            guard try scanner.nextElement() else {
                try finishCollection()
                return nil
            }
        }
        stage = .nextFeature
        let index = nextIndex
        nextIndex += 1
        return try readFeature(index: index)
    }

    /// After `features`: the remaining top-level members, the closing brace, and nothing but whitespace.
    private mutating func finishCollection() throws(JSONScanner.Failure) {
        while try scanner.nextMember() {
            _ = try scanner.peek()
            let at = scanner.location
            try scanner.readKey()
            if scanner.stringIs("crs") { throw scanner.error(.crsAfterFeatures, at: at) }
            try scanner.skipValue()
        }
        try finishDocument()
        stage = .done
    }

    private mutating func finishDocument() throws(JSONScanner.Failure) {
        try scanner.skipWhitespace()
        if scanner.pos < scanner.end { throw scanner.error(.trailingContent) }
    }

    /// The name in an old-style `crs` member: `{"type": "name", "properties": {"name": ...}}`, or the
    /// 2008 draft's `{"type": "EPSG", "properties": {"code": 4547}}` read as "EPSG:4547".
    private func crsName(in value: JSONValue, at location: SourceLocation) throws(JSONScanner.Failure) -> String? {
        if value == .null { return nil }
        if case .object(let members) = value,
           let type = members.first(where: { $0.key == "type" })?.value,
           case .object(let properties)? = members.first(where: { $0.key == "properties" })?.value {
            let name = properties.first(where: { $0.key == "name" })?.value
            let code = properties.first(where: { $0.key == "code" })?.value
            switch (type, name, code) {
            case (.string("name"), .string(let n)?, _): return n
            case (.string("EPSG"), _, .number(let c)?), (.string("EPSG"), _, .string(let c)?): return "EPSG:" + c
            default: break
            }
        }
        let expected = "a named CRS, {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4547\"}}"
        throw scanner.error(.invalidMember(name: "crs", expected: expected), at: location)
    }
}

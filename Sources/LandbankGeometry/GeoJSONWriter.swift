/// Writes a GeoJSON FeatureCollection, one feature per line as ogr2ogr does, into a byte buffer that is handed
/// to `sink` whenever it passes `flushThreshold`, and once more by `finish()`.
///
/// Geometries are written as given: the caller orients rings for RFC 7946 and decides whether a one-polygon
/// MultiPolygon should be written as a Polygon. Coordinates have at most `decimals` digits after the point.
public struct GeoJSONWriter {
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    public static let flushThreshold = 1 << 20

    public var decimals: Int { format.decimals }
    /// Features written so far.
    public private(set) var count = 0
    private let format: DecimalFormat
    private let sink: Sink
    private var buffer: [UInt8] = []
    private var isFinished = false

    /// Starts the collection: `{"type":"FeatureCollection"`, the `name` and old-style `crs` members when
    /// given (crsName as written, e.g. "urn:ogc:def:crs:EPSG::4547"), and `"features":[`.
    public init(decimals: Int, crsName: String?, name: String? = nil, sink: @escaping Sink) {
        format = DecimalFormat(decimals: decimals)
        self.sink = sink
        buffer.reserveCapacity(Self.flushThreshold + Self.flushThreshold / 4)
        buffer.append(contentsOf: #"{"type":"FeatureCollection","#.utf8)
        if let name {
            buffer.append(contentsOf: #""name":"#.utf8)
            JSONText.appendString(name, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        }
        if let crsName {
            buffer.append(contentsOf: #""crs":{"type":"name","properties":{"name":"#.utf8)
            JSONText.appendString(crsName, to: &buffer)
            buffer.append(contentsOf: "}},".utf8)
        }
        buffer.append(contentsOf: #""features":["#.utf8)
    }

    /// Appends one feature; `id` is written as a string, properties in their order, numbers as their text.
    /// `rawProperties`, when given, is a JSON object text (as stored by the registry) whose members follow
    /// `properties`; it is spliced in as it is, without being parsed again.
    public mutating func write(id: String?, properties: [JSONMember], rawProperties: String? = nil,
                               geometry: Geometry?) throws {
        precondition(!isFinished, "write after finish()")  // our bug, not bad data
        buffer.append(contentsOf: count == 0 ? "\n".utf8 : ",\n".utf8)
        buffer.append(contentsOf: #"{"type":"Feature","#.utf8)
        if let id {
            buffer.append(contentsOf: #""id":"#.utf8)
            JSONText.appendString(id, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        }
        buffer.append(contentsOf: #""properties":"#.utf8)
        JSONText.appendObject(properties, to: &buffer)
        if let raw = rawProperties?.utf8, raw.count > 2 {
            // Replace our closing brace with a comma and the raw object's members (its braces dropped).
            buffer[buffer.count - 1] = UInt8(ascii: properties.isEmpty ? " " : ",")
            buffer.append(contentsOf: raw.dropFirst())
        }
        buffer.append(contentsOf: #","geometry":"#.utf8)
        switch geometry {
        case nil:
            buffer.append(contentsOf: "null".utf8)
        case .polygon(let polygon)?:
            buffer.append(contentsOf: #"{"type":"Polygon","coordinates":"#.utf8)
            append(polygon)
            buffer.append(UInt8(ascii: "}"))
        case .multiPolygon(let multi)?:
            buffer.append(contentsOf: #"{"type":"MultiPolygon","coordinates":["#.utf8)
            for (i, polygon) in multi.polygons.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                append(polygon)
            }
            buffer.append(contentsOf: "]}".utf8)
        }
        buffer.append(UInt8(ascii: "}"))
        count += 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Closes the array and the collection and hands the rest to the sink. Call it once, at the end.
    public mutating func finish() throws {
        precondition(!isFinished, "finish() called twice")
        isFinished = true
        buffer.append(contentsOf: count == 0 ? "]}\n".utf8 : "\n]}\n".utf8)
        try flush()
    }

    /// A number property (an area, a length) rounded like coordinates, e.g. `number(3575.1049, decimals: 3)`
    /// is `.number("3575.105")`; a non-finite value, which JSON cannot hold, is `.null`.
    public static func number(_ value: Double, decimals: Int) -> JSONValue {
        value.isFinite ? .number(DecimalFormat(decimals: decimals).text(value)) : .null
    }

    private mutating func append(_ polygon: Polygon) {
        buffer.append(UInt8(ascii: "["))
        append(polygon.exterior)
        for hole in polygon.holes {
            buffer.append(UInt8(ascii: ","))
            append(hole)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func append(_ ring: Ring) {
        buffer.append(UInt8(ascii: "["))
        for (i, p) in ring.points.enumerated() {
            buffer.append(contentsOf: i == 0 ? "[".utf8 : ",[".utf8)
            format.append(p.x, to: &buffer)
            buffer.append(UInt8(ascii: ","))
            format.append(p.y, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

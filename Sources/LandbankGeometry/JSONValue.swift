/// A JSON value as read from an input file's `properties`, kept in order so that export writes back what came in.
/// Numbers keep their literal text so that `1.10` or a 19-digit code survive a round trip unchanged.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// One input feature: its position in the file (0-based), its id if it has one, its properties in order,
/// and its geometry (nil for a feature with `"geometry": null`).
public struct Feature: Sendable {
    public var index: Int
    public var id: String?
    public var properties: [JSONMember]
    public var geometry: Geometry?

    public init(index: Int, id: String?, properties: [JSONMember], geometry: Geometry?) {
        self.index = index
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}

/// A position in some coordinate reference system: `x` is easting or longitude, `y` northing or latitude.
/// Geometry knows no CRS; the layer that owns the coordinates says which one they are in.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An ellipsoid of revolution: semi-major axis in metres and inverse flattening (0 for a sphere).
public struct Ellipsoid: Equatable, Sendable {
    public var name: String
    public var semiMajorAxis: Double
    public var inverseFlattening: Double

    public init(name: String, semiMajorAxis: Double, inverseFlattening: Double) {
        self.name = name
        self.semiMajorAxis = semiMajorAxis
        self.inverseFlattening = inverseFlattening
    }

    public var flattening: Double { inverseFlattening == 0 ? 0 : 1 / inverseFlattening }

    /// CGCS2000 (EPSG:1024): a = 6378137, 1/f = 298.257222101.
    public static let cgcs2000 = Ellipsoid(name: "CGCS2000", semiMajorAxis: 6378137, inverseFlattening: 298.257222101)
    /// WGS 84 (EPSG:7030): a = 6378137, 1/f = 298.257223563.
    public static let wgs84 = Ellipsoid(name: "WGS 84", semiMajorAxis: 6378137, inverseFlattening: 298.257223563)
}

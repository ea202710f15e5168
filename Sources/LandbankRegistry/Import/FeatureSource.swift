import LandbankGeometry

/// Where imported features come from: a GeoJSON file, a CSV file with a WKT column, or a GeoPackage layer.
public protocol FeatureSource: AnyObject {
    /// The file name, for error messages.
    var name: String { get }
    /// The CRS the file declares (GeoJSON `crs` member, GeoPackage srs), nil when it declares none.
    var declaredCRS: String? { get }
    /// Whether the format fixes the CRS when none is declared (RFC 7946 GeoJSON is always WGS84).
    var defaultCRS: String? { get }
    /// How a feature is named in errors: "feature 3" or "line 4".
    func position(of feature: Feature) -> String
    func next() throws -> Feature?
    /// The property `--id-field` asks for, told before the first `next()`. A source whose rows have a key kept
    /// out of their properties (a GeoPackage layer's primary key, e.g. `fid`) hands it out as that property.
    func useIDField(_ field: String)
}

extension FeatureSource {
    public func position(of feature: Feature) -> String { "feature \(feature.index + 1)" }
    public func useIDField(_ field: String) {}
}

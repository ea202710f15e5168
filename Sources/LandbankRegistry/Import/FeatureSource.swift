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
}

extension FeatureSource {
    public func position(of feature: Feature) -> String { "feature \(feature.index + 1)" }
}

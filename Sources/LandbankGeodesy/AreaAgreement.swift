/// Whether a cadastral (planar) area and an ellipsoidal one agree as the projection allows: their ratio is
/// the projection's areal scale averaged over the parcel, which for a parcel is its value at the centroid.
///
/// Tolerance 2%: the areal scale varies across a parcel by about 2·tan φ·Δφ in Mercator and (Δx/R)² in a
/// transverse Mercator, and around the centroid the first-order part averages out; a 10 km parcel at 60°N in
/// Mercator stays within 0.01%, and projected straight edges against geodesics add less than 0.1%. What the
/// check is for is far larger: feet taken for metres (×10.76), a polygon crossing 180° in EPSG:3857 (×4000),
/// a projection used beyond its domain.
public enum AreaAgreement {
    public static let tolerance = 0.02
    /// Absolute slack, m²: below the 0.01 m² figures are shown to, rounding decides.
    static let slack = 0.01

    public static func agree(cadastral: Double, ellipsoidal: Double, arealScale: Double) -> Bool {
        let expected = ellipsoidal * arealScale
        return abs(cadastral - expected) <= tolerance * expected + slack
    }
}

/// The geometries a parcel or a building may have. Other types are refused on input.
public enum Geometry: Hashable, Sendable {
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)

    public var asMultiPolygon: MultiPolygon {
        switch self {
        case .polygon(let p): return MultiPolygon(p)
        case .multiPolygon(let m): return m
        }
    }

    public var boundingBox: BoundingBox { asMultiPolygon.boundingBox }
}

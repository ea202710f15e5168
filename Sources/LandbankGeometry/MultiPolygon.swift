/// One or more polygons. A parcel is stored as a multipolygon; a single polygon is a multipolygon of one.
public struct MultiPolygon: Hashable, Sendable {
    public let polygons: [Polygon]

    public init(_ polygons: [Polygon]) throws(GeometryError) {
        guard !polygons.isEmpty else { throw GeometryError(.empty) }
        self.polygons = polygons
    }

    public init(_ polygon: Polygon) {
        self.polygons = [polygon]
    }

    public var boundingBox: BoundingBox {
        polygons.dropFirst().reduce(polygons[0].boundingBox) { $0.union($1.boundingBox) }
    }

    public var pointCount: Int {
        polygons.reduce(0) { $0 + $1.exterior.points.count + $1.holes.reduce(0) { $0 + $1.points.count } }
    }

    public func orientedRFC7946() -> MultiPolygon {
        MultiPolygon(unchecked: polygons.map { $0.orientedRFC7946() })
    }

    init(unchecked polygons: [Polygon]) {
        self.polygons = polygons
    }
}

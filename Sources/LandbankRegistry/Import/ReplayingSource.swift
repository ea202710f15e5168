import LandbankGeodesy
import LandbankGeometry

/// A source whose first features were read ahead (to infer its CRS, check its axes, look for a web map's
/// name) and are handed out again before the rest, so that the file is still read once and in order.
/// What reading ahead threw is thrown at its turn.
final class ReplayingSource: FeatureSource {
    let inner: FeatureSource
    private(set) var buffered: [Result<Feature, Error>] = []
    private var position = 0
    /// Each feature passes through this on its way out (axis swap, BD-09 → GCJ-02).
    var map: ((Feature) throws -> Feature)?

    var name: String { inner.name }
    var declaredCRS: String? { inner.declaredCRS }
    var defaultCRS: String? { inner.defaultCRS }
    func position(of feature: Feature) -> String { inner.position(of: feature) }
    func useIDField(_ field: String) { inner.useIDField(field) }

    /// Reads up to `count` features ahead. `useIDField` must have been passed on first, as the pipeline does.
    init(_ inner: FeatureSource, readAhead count: Int, idField: String?) {
        self.inner = inner
        if let idField { inner.useIDField(idField) }
        while buffered.count < count {
            do {
                guard let f = try inner.next() else { break }
                buffered.append(.success(f))
            } catch {
                buffered.append(.failure(error))
                break
            }
        }
    }

    /// The features read ahead.
    var sample: [Feature] { buffered.compactMap { try? $0.get() } }

    func next() throws -> Feature? {
        let f: Feature?
        if position < buffered.count {
            position += 1
            f = try buffered[position - 1].get()
        } else {
            f = try inner.next()
        }
        guard let f, let map else { return f }
        return try map(f)
    }
}

extension Geometry {
    /// The same geometry with every point mapped.
    func mappingPoints(_ transform: (Point) -> Point) throws(GeometryError) -> Geometry {
        switch self {
        case .polygon(let p): return .polygon(try p.mapPoints(transform))
        case .multiPolygon(let m):
            var parts: [Polygon] = []
            for p in m.polygons { parts.append(try p.mapPoints(transform)) }
            return .multiPolygon(try MultiPolygon(parts))
        }
    }
}

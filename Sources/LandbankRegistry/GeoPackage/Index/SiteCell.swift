import GRDB
import LandbankGeometry

/// A site index's cell (`SiteIndex`): the envelope and up to three attributes, each a point-valued dimension
/// stored as float32 bounds rounded outward. `Shape` says how many attributes the layer's tree has.
struct SiteCell<Shape: SiteShape>: PackedCell {
    static var dimensions: Int { 2 + Shape.attributes }
    var id: Int64
    var minX: Float, maxX: Float, minY: Float, maxY: Float
    var lo: (Float, Float, Float) = (0, 0, 0)
    var hi: (Float, Float, Float) = (0, 0, 0)

    /// The cell of a row as the triggers would store it: `attributes` in the order of `SiteIndex.attributes`,
    /// an empty one as `SiteIndex.missing`.
    init(id: Int64, _ e: BoundingBox, _ attributes: [Double?]) {
        self.id = id
        minX = Float32Bound.down(e.minX); maxX = Float32Bound.up(e.maxX)
        minY = Float32Bound.down(e.minY); maxY = Float32Bound.up(e.maxY)
        for (k, a) in attributes.prefix(Shape.attributes).enumerated() {
            let v = a ?? SiteIndex.missing
            set(k, Float32Bound.down(v), Float32Bound.up(v))
        }
    }

    /// A cell read back from the tree (already float32: converting to double and back is exact).
    init(row: Row) {
        id = row[0]
        minX = Float(row[1] as Double); maxX = Float(row[2] as Double)
        minY = Float(row[3] as Double); maxY = Float(row[4] as Double)
        for k in 0..<Shape.attributes { set(k, Float(row[5 + 2 * k] as Double), Float(row[6 + 2 * k] as Double)) }
    }

    func min(_ d: Int) -> Float {
        switch d { case 0: minX case 1: minY case 2: lo.0 case 3: lo.1 default: lo.2 }
    }

    func max(_ d: Int) -> Float {
        switch d { case 0: maxX case 1: maxY case 2: hi.0 case 3: hi.1 default: hi.2 }
    }

    mutating func widen(_ x: SiteCell) {
        minX = Swift.min(minX, x.minX); maxX = Swift.max(maxX, x.maxX)
        minY = Swift.min(minY, x.minY); maxY = Swift.max(maxY, x.maxY)
        lo = (Swift.min(lo.0, x.lo.0), Swift.min(lo.1, x.lo.1), Swift.min(lo.2, x.lo.2))
        hi = (Swift.max(hi.0, x.hi.0), Swift.max(hi.1, x.hi.1), Swift.max(hi.2, x.hi.2))
    }

    private mutating func set(_ k: Int, _ l: Float, _ h: Float) {
        switch k {
        case 0: lo.0 = l; hi.0 = h
        case 1: lo.1 = l; hi.1 = h
        default: lo.2 = l; hi.2 = h
        }
    }

    /// The values as `INSERT INTO tree VALUES (…)` takes them.
    var arguments: StatementArguments {
        var a: [DatabaseValueConvertible] = [id, Double(minX), Double(maxX), Double(minY), Double(maxY)]
        for k in 0..<Shape.attributes { a += [Double(min(2 + k)), Double(max(2 + k))] }
        return StatementArguments(a)
    }
}

/// How many attributes a layer's site index has.
protocol SiteShape { static var attributes: Int { get } }
/// Cadastral and ellipsoidal mu.
enum ParcelSite: SiteShape { static let attributes = 2 }
/// Vacant floor area, clear height, power.
enum BuildingSite: SiteShape { static let attributes = 3 }

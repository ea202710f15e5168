import GRDB

/// One cell of an rtree node as SQLite's rtree module stores it: an id (the rowid in a leaf, a child's node
/// number above) and, per dimension (x, y, then a site index's attributes), min and max as 32-bit floats.
struct TreeCell {
    /// rtree.c allows five dimensions; eight lanes hold them.
    static let maxDimensions = 5
    var id: Int64
    var lo: SIMD8<Float>
    var hi: SIMD8<Float>

    /// The cell of a row of the bulk load's scan: `landbank_tree_cell(geom)` (the envelope), the fid, then
    /// min and max of each further dimension, all rounded outward to float32 as rtree.c does when it stores a
    /// row. A NULL attribute is stored by rtree.c as 0; so here.
    init(scanned row: Row, dimensions: Int) {
        id = row[1]
        lo = SIMD8(repeating: 0)
        hi = SIMD8(repeating: 0)
        let e = HilbertKey.envelope(ofCell: row[0])
        lo[0] = Float32Bound.down(e[0]); hi[0] = Float32Bound.up(e[1])
        lo[1] = Float32Bound.down(e[2]); hi[1] = Float32Bound.up(e[3])
        for d in 2..<max(2, dimensions) {
            lo[d] = Float32Bound.down((row[2 * d - 2] as Double?) ?? 0)
            hi[d] = Float32Bound.up((row[2 * d - 1] as Double?) ?? 0)
        }
    }

    init(id: Int64, lo: SIMD8<Float>, hi: SIMD8<Float>) {
        self.id = id
        self.lo = lo
        self.hi = hi
    }

    /// Grows the box to hold `other`'s.
    mutating func widen(_ other: TreeCell) {
        lo = pointwiseMin(lo, other.lo)
        hi = pointwiseMax(hi, other.hi)
    }

    /// The smallest box holding every cell of `cells` (not empty), with the id `id`.
    static func union(_ cells: ArraySlice<TreeCell>, id: Int64) -> TreeCell {
        var b = cells[cells.startIndex]
        for c in cells.dropFirst() { b.widen(c) }
        b.id = id
        return b
    }
}

/// Doubles rounded outward to float32, as rtree.c's rtreeValueDown/rtreeValueUp do, so that a stored box
/// always holds the exact one.
enum Float32Bound {
    static func down(_ d: Double) -> Float { let f = Float(d); return Double(f) > d ? f.nextDown : f }
    static func up(_ d: Double) -> Float { let f = Float(d); return Double(f) < d ? f.nextUp : f }
}

import LandbankGeometry

/// A packed R-tree built by Sort-Tile-Recursive (Leutenegger, Lopez & Edgington 1997), laid out exactly as
/// SQLite's rtree module stores an `rtree` table, so that it can be written into the table's shadow tables
/// in one pass instead of inserting entries one at a time (~13 µs each through the R*Tree algorithm).
/// Leaves are tiled on the centres of x and y only; any further dimensions (the site indexes' attributes)
/// ride along and are unioned into the parent boxes.
///
/// Node format (sqlite/ext/rtree/rtree.c): a blob of `nodeSize` bytes; bytes 0–1 the tree depth (root only),
/// bytes 2–3 the cell count, then cells of 8 bytes id (rowid in a leaf, child node number above) and, per
/// dimension, min and max as 32-bit floats, all big-endian. Boxes are rounded outward to float32, as rtree.c does.
struct PackedTree<Cell: PackedCell> {
    typealias Entry = Cell

    struct Node {
        var number: Int64
        var entries: [Entry]
        var box: Entry { Self.union(entries) }

        static func union(_ e: [Entry]) -> Entry {
            var b = e[0]
            for x in e.dropFirst() { b.widen(x) }
            return b
        }
    }

    /// Levels from the leaves up; the last level holds only the root, node number 1.
    private(set) var levels: [[Node]] = []
    let nodeSize: Int
    static var cellSize: Int { 8 + 8 * Entry.dimensions }

    /// Cells per node for a node blob of `nodeSize` bytes (1228 for a 4096-byte page: 51 cells in 2-D).
    static func capacity(nodeSize: Int) -> Int { (nodeSize - 4) / cellSize }

    init(entries: [Entry], nodeSize: Int) {
        self.nodeSize = nodeSize
        let m = Self.capacity(nodeSize: nodeSize)
        precondition(m >= 4, "rtree node size \(nodeSize) too small") // a SQLite invariant, not input
        var next: Int64 = 2
        var level = Self.pack(entries, capacity: m)
        while level.count > 1 {
            let nodes = level.map { entries -> Node in defer { next += 1 }; return Node(number: next, entries: entries) }
            levels.append(nodes)
            level = Self.pack(nodes.map { var b = $0.box; b.id = $0.number; return b }, capacity: m)
        }
        levels.append([Node(number: 1, entries: level.first ?? [])])
    }

    var depth: Int { levels.count - 1 }
    var root: Node { levels[levels.count - 1][0] }

    /// Sort-Tile-Recursive: sort by centre x, cut into √P vertical slices, sort each slice by centre y, cut
    /// into runs. Runs are balanced so that no node falls below a third full (rtree.c's minimum fill).
    static func pack(_ entries: [Entry], capacity m: Int) -> [[Entry]] {
        if entries.count <= m { return [entries] }
        let pages = (entries.count + m - 1) / m
        let slices = Int(Double(pages).squareRoot().rounded(.up))
        let sorted = entries.sorted { ($0.minX + $0.maxX) < ($1.minX + $1.maxX) }
        var out: [[Entry]] = []
        out.reserveCapacity(pages + slices)
        for slice in balancedRuns(sorted.count, parts: slices) {
            let s = sorted[slice].sorted { ($0.minY + $0.maxY) < ($1.minY + $1.maxY) }
            let nodes = (s.count + m - 1) / m
            for run in balancedRuns(s.count, parts: nodes) { out.append(Array(s[run])) }
        }
        return out
    }

    /// `count` items cut into `parts` consecutive ranges whose sizes differ by at most one.
    static func balancedRuns(_ count: Int, parts: Int) -> [Range<Int>] {
        let base = count / parts, extra = count % parts
        var start = 0
        return (0..<parts).map { i in
            let n = base + (i < extra ? 1 : 0)
            defer { start += n }
            return start..<(start + n)
        }
    }

    /// The node's blob as rtree.c reads it.
    func blob(_ node: Node, isRoot: Bool) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: nodeSize)
        if isRoot { put16(&b, 0, depth) }
        put16(&b, 2, node.entries.count)
        var o = 4
        for e in node.entries {
            let id = UInt64(bitPattern: e.id)
            for k in 0..<8 { b[o + k] = UInt8(truncatingIfNeeded: id >> (56 - 8 * k)) }
            o += 8
            for d in 0..<Entry.dimensions {
                for f in [e.min(d), e.max(d)] {
                    let bits = f.bitPattern
                    for k in 0..<4 { b[o + k] = UInt8(truncatingIfNeeded: bits >> (24 - 8 * k)) }
                    o += 4
                }
            }
        }
        return b
    }

    private func put16(_ b: inout [UInt8], _ at: Int, _ v: Int) {
        b[at] = UInt8(truncatingIfNeeded: v >> 8)
        b[at + 1] = UInt8(truncatingIfNeeded: v)
    }
}

/// One cell of a packed tree: an id and a box of float32 bounds per dimension, x and y first.
protocol PackedCell {
    static var dimensions: Int { get }
    var id: Int64 { get set }
    var minX: Float { get }
    var maxX: Float { get }
    var minY: Float { get }
    var maxY: Float { get }
    /// The bounds of dimension `d` (0 is x, 1 is y).
    func min(_ d: Int) -> Float
    func max(_ d: Int) -> Float
    /// Grows the box to hold `other`'s.
    mutating func widen(_ other: Self)
}

/// The GeoPackage R*Tree of a layer: envelopes only.
typealias PackedRTree = PackedTree<PlaneCell>

struct PlaneCell: PackedCell {
    static let dimensions = 2
    var id: Int64
    var minX: Float, maxX: Float, minY: Float, maxY: Float

    func min(_ d: Int) -> Float { d == 0 ? minX : minY }
    func max(_ d: Int) -> Float { d == 0 ? maxX : maxY }

    mutating func widen(_ x: PlaneCell) {
        minX = Swift.min(minX, x.minX); maxX = Swift.max(maxX, x.maxX)
        minY = Swift.min(minY, x.minY); maxY = Swift.max(maxY, x.maxY)
    }
}

extension PlaneCell {
    /// The envelope rounded outward to float32, as rtree.c's rtreeValueDown/rtreeValueUp do.
    init(id: Int64, _ e: BoundingBox) {
        self.init(id: id, minX: Float32Bound.down(e.minX), maxX: Float32Bound.up(e.maxX),
                  minY: Float32Bound.down(e.minY), maxY: Float32Bound.up(e.maxY))
    }
}

/// Doubles rounded outward to float32, as rtree.c's rtreeValueDown/rtreeValueUp do, so that a stored box
/// always holds the exact one.
enum Float32Bound {
    static func down(_ d: Double) -> Float { let f = Float(d); return Double(f) > d ? f.nextDown : f }
    static func up(_ d: Double) -> Float { let f = Float(d); return Double(f) < d ? f.nextUp : f }
}

import LandbankGeometry

/// A packed R-tree built by Sort-Tile-Recursive (Leutenegger, Lopez & Edgington 1997), laid out exactly as
/// SQLite's rtree module stores a 2-D `rtree` table, so that it can be written into the table's shadow tables
/// in one pass instead of inserting entries one at a time (~13 µs each through the R*Tree algorithm).
///
/// Node format (sqlite/ext/rtree/rtree.c): a blob of `nodeSize` bytes; bytes 0–1 the tree depth (root only),
/// bytes 2–3 the cell count, then cells of 8 bytes id (rowid in a leaf, child node number above) and, per
/// dimension, min and max as 32-bit floats, all big-endian. Boxes are rounded outward to float32, as rtree.c does.
struct PackedRTree {
    struct Entry {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
    }

    struct Node {
        var number: Int64
        var entries: [Entry]
        var box: Entry { Self.union(entries) }

        static func union(_ e: [Entry]) -> Entry {
            var b = e[0]
            for x in e.dropFirst() {
                b.minX = min(b.minX, x.minX); b.maxX = max(b.maxX, x.maxX)
                b.minY = min(b.minY, x.minY); b.maxY = max(b.maxY, x.maxY)
            }
            return b
        }
    }

    /// Levels from the leaves up; the last level holds only the root, node number 1.
    private(set) var levels: [[Node]] = []
    let nodeSize: Int
    static let cellSize = 8 + 4 * 4

    /// Cells per node for a node blob of `nodeSize` bytes (1228 for a 4096-byte page: 51 cells).
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
            for f in [e.minX, e.maxX, e.minY, e.maxY] {
                let bits = f.bitPattern
                for k in 0..<4 { b[o + k] = UInt8(truncatingIfNeeded: bits >> (24 - 8 * k)) }
                o += 4
            }
        }
        return b
    }

    private func put16(_ b: inout [UInt8], _ at: Int, _ v: Int) {
        b[at] = UInt8(truncatingIfNeeded: v >> 8)
        b[at + 1] = UInt8(truncatingIfNeeded: v)
    }
}

extension PackedRTree.Entry {
    /// The envelope rounded outward to float32, as rtree.c's rtreeValueDown/rtreeValueUp do.
    init(id: Int64, _ e: BoundingBox) {
        func down(_ d: Double) -> Float { let f = Float(d); return Double(f) > d ? f.nextDown : f }
        func up(_ d: Double) -> Float { let f = Float(d); return Double(f) < d ? f.nextUp : f }
        self.init(id: id, minX: down(e.minX), maxX: up(e.maxX), minY: down(e.minY), maxY: up(e.maxY))
    }
}

import Foundation
import GRDB

/// Writes one rtree table as a packed R-tree straight into its shadow tables, from cells that arrive already
/// in Hilbert order (`HilbertKey`), instead of inserting them one at a time (~13 µs each through the R*Tree
/// algorithm). Memory stays flat: each leaf is written as soon as it is full, and only the leaves' boxes
/// (one in 51 cells in 2-D) and a node number per row (4 bytes) are kept for the levels above and `_rowid`.
///
/// Every node gets the same number of cells give or take one (the count is known beforehand), so none falls
/// below rtree.c's minimum fill. Node format (sqlite/ext/rtree/rtree.c): a blob of `nodeSize` bytes; bytes 0–1
/// the tree depth (root only), bytes 2–3 the cell count, then cells of 8 bytes id and, per dimension, min and
/// max as float32, all big-endian. The root is node 1.
struct PackedTreeWriter {
    let dimensions: Int
    let nodeSize: Int
    let capacity: Int
    let count: Int
    private let insertNode: Statement, insertRowid: Statement, insertRowids: Statement, insertParent: Statement
    /// Sizes of the leaves still to come, and the cells of the one being filled.
    private var leafSizes: BalancedRuns
    private var leaf: [TreeCell] = []
    /// One cell per leaf written: its box, with its node number as the id.
    private var leaves: [TreeCell] = []
    private var nextNode: Int64
    /// The leaf of each row id (offset by `firstID`), written to `_rowid` in id order at the end.
    private var leafOf: [UInt32]
    private let firstID: Int64

    /// Cells per node for a node blob of `nodeSize` bytes (51 in 2-D for a 4096-byte page).
    static func capacity(nodeSize: Int, dimensions: Int) -> Int { (nodeSize - 4) / (8 + 8 * dimensions) }

    /// Empties `rtree` and prepares to write `count` cells whose ids lie in `ids`.
    init(_ db: Database, rtree: String, dimensions: Int, count: Int, ids: ClosedRange<Int64>) throws {
        self.dimensions = dimensions
        self.count = count
        nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \(rtree)_node WHERE nodeno = 1") ?? 1228
        capacity = Self.capacity(nodeSize: nodeSize, dimensions: dimensions)
        precondition(capacity >= 4, "rtree node size \(nodeSize) too small") // a SQLite invariant, not input
        precondition(dimensions <= TreeCell.maxDimensions, "\(dimensions) dimensions") // SiteIndex's, not input
        try db.execute(sql: "DELETE FROM \(rtree)_node; DELETE FROM \(rtree)_rowid; DELETE FROM \(rtree)_parent")
        insertNode = try db.makeStatement(sql: "INSERT INTO \(rtree)_node (nodeno, data) VALUES (?, ?)")
        insertRowid = try db.makeStatement(sql: "INSERT INTO \(rtree)_rowid (rowid, nodeno) VALUES (?, ?)")
        insertRowids = try db.makeStatement(sql: """
            INSERT INTO \(rtree)_rowid (rowid, nodeno) SELECT ? + key, value FROM json_each(?) WHERE value != 0
            """)
        insertParent = try db.makeStatement(sql: "INSERT INTO \(rtree)_parent (nodeno, parentnode) VALUES (?, ?)")
        leafSizes = BalancedRuns(count: count, capacity: capacity)
        // A tree that fits one node is that node: the root, a leaf.
        nextNode = count <= capacity ? 1 : 2
        firstID = ids.lowerBound
        // The ids of a layer's fresh import are dense; a layer with large gaps would waste this array, so
        // its rows go to `_rowid` as they come instead (in random order, somewhat slower).
        let span = Int(clamping: ids.upperBound.subtractingReportingOverflow(ids.lowerBound).partialValue) &+ 1
        leafOf = span > 0 && span <= 4 * count + 1_000_000 ? [UInt32](repeating: 0, count: span) : []
        leaf.reserveCapacity(capacity)
    }

    /// The next cell in Hilbert order.
    mutating func add(_ cell: TreeCell) throws {
        leaf.append(cell)
        if leaf.count == leafSizes.current {
            try writeNode(leaf[...], number: nextNode, depth: nil)
            for c in leaf { try noteLeaf(of: c.id, nextNode) }
            leaves.append(TreeCell.union(leaf[...], id: nextNode))
            nextNode += 1
            leaf.removeAll(keepingCapacity: true)
            leafSizes.advance()
        }
    }

    /// Writes the levels above the leaves, the root last, and the row → leaf map.
    mutating func finish() throws {
        precondition(leaf.isEmpty && leaves.count == leafSizes.runs, "fewer cells than announced") // caller's count
        if count == 0 { try writeNode([], number: 1, depth: 0) }
        var level = count <= capacity ? [] : leaves
        var depth = 1
        while level.count > capacity {
            var above: [TreeCell] = []
            var start = 0
            for size in BalancedRuns(count: level.count, capacity: capacity).sizes {
                let children = level[start..<(start + size)]
                try writeNode(children, number: nextNode, depth: nil)
                for c in children { try insertParent.execute(arguments: [c.id, nextNode]) }
                above.append(TreeCell.union(children, id: nextNode))
                nextNode += 1
                start += size
            }
            level = above
            depth += 1
        }
        if !level.isEmpty {
            try writeNode(level[...], number: 1, depth: depth)
            for c in level { try insertParent.execute(arguments: [c.id, 1]) }
        }
        // In id order, 10,000 at a time: a JSON array of leaf numbers whose index is the id's offset.
        for start in stride(from: 0, to: leafOf.count, by: 10_000) {
            let chunk = leafOf[start..<min(start + 10_000, leafOf.count)]
            try insertRowids.execute(arguments: [firstID + Int64(start), "[" + chunk.map(String.init).joined(separator: ",") + "]"])
        }
    }

    private mutating func noteLeaf(of id: Int64, _ node: Int64) throws {
        let i = Int(id - firstID)
        if leafOf.isEmpty || i < 0 || i >= leafOf.count {
            try insertRowid.execute(arguments: [id, node])
        } else {
            leafOf[i] = UInt32(node)
        }
    }

    /// The node's blob as rtree.c reads it, big-endian throughout; `depth` only on the root.
    private func writeNode(_ cells: ArraySlice<TreeCell>, number: Int64, depth: Int?) throws {
        var b = Data(capacity: nodeSize)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.bigEndian) { b.append(contentsOf: $0) } }
        put(UInt16(depth ?? 0))
        put(UInt16(cells.count))
        for c in cells {
            put(c.id)
            for dim in 0..<dimensions {
                put(c.lo[dim].bitPattern)
                put(c.hi[dim].bitPattern)
            }
        }
        b.append(Data(count: nodeSize - b.count))
        try insertNode.execute(arguments: [number, b])
    }
}

/// `count` items cut into as few runs of at most `capacity` as possible, whose sizes differ by at most one.
struct BalancedRuns {
    let runs: Int
    private let base: Int, extra: Int
    private var index = 0

    init(count: Int, capacity: Int) {
        runs = count == 0 ? 0 : (count + capacity - 1) / capacity
        base = runs == 0 ? 0 : count / runs
        extra = runs == 0 ? 0 : count % runs
    }

    /// The size of the run being filled.
    var current: Int { base + (index < extra ? 1 : 0) }
    mutating func advance() { index += 1 }
    var sizes: [Int] { (0..<runs).map { base + ($0 < extra ? 1 : 0) } }
}

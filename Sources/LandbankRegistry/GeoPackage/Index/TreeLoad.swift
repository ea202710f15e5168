import Foundation
import GRDB

/// Fills one rtree table in bulk during an import instead of through its per-row insert trigger.
///
/// Inside the import's transaction it drops the insert trigger and collects cells; at the end it writes a
/// packed R-tree (`PackedTree`) over the old and new entries straight into the rtree's shadow tables and
/// recreates the trigger. A rollback restores the trigger and the old tree with everything else. A small
/// append to a large tree goes through ordinary rtree inserts instead of rebuilding the whole tree.
struct TreeLoad<Cell: PackedCell> {
    let db: Database
    let rtree: String
    /// The insert trigger's name and the statement that creates it again.
    let trigger: (name: String, sql: String)
    /// A cell as read back from the tree's rows (`SELECT * FROM rtree`).
    let decode: (Row) -> Cell
    private(set) var entries: [Cell] = []

    init(_ db: Database, rtree: String, trigger: (name: String, sql: String), decode: @escaping (Row) -> Cell) throws {
        self.db = db
        self.rtree = rtree
        self.trigger = trigger
        self.decode = decode
        try db.execute(sql: "DROP TRIGGER \(trigger.name)")
    }

    mutating func add(_ cell: Cell) { entries.append(cell) }

    func finish() throws {
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(rtree)_rowid") ?? 0
        if existing > 0 && entries.count < existing / 10 {
            let marks = Array(repeating: "?", count: 1 + 2 * Cell.dimensions).joined(separator: ", ")
            let insert = try db.makeStatement(sql: "INSERT INTO \(rtree) VALUES (\(marks))")
            for e in entries {
                var values: [DatabaseValueConvertible] = [e.id]
                for d in 0..<Cell.dimensions { values += [Double(e.min(d)), Double(e.max(d))] }
                try insert.execute(arguments: StatementArguments(values))
            }
        } else {
            try rebuild(existing: existing)
        }
        try db.execute(sql: trigger.sql)
    }

    /// Replaces the tree by a packed one over the existing and the new entries.
    private func rebuild(existing: Int) throws {
        var all = entries
        if existing > 0 {
            // Stored bounds are float32 already: reading them back as doubles and rounding outward is exact.
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(rtree)")
            while let r = try rows.next() { all.append(decode(r)) }
        }
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \(rtree)_node WHERE nodeno = 1") ?? 1228
        let tree = PackedTree(entries: all, nodeSize: nodeSize)
        try db.execute(sql: "DELETE FROM \(rtree)_node; DELETE FROM \(rtree)_rowid; DELETE FROM \(rtree)_parent")
        let node = try db.makeStatement(sql: "INSERT INTO \(rtree)_node (nodeno, data) VALUES (?, ?)")
        let rowid = try db.makeStatement(sql: "INSERT INTO \(rtree)_rowid (rowid, nodeno) VALUES (?, ?)")
        let parent = try db.makeStatement(sql: "INSERT INTO \(rtree)_parent (nodeno, parentnode) VALUES (?, ?)")
        for (level, nodes) in tree.levels.enumerated() {
            for n in nodes {
                try node.execute(arguments: [n.number, Data(tree.blob(n, isRoot: n.number == 1))])
                for e in n.entries {
                    if level == 0 {
                        try rowid.execute(arguments: [e.id, n.number])
                    } else {
                        try parent.execute(arguments: [e.id, n.number])
                    }
                }
            }
        }
    }
}

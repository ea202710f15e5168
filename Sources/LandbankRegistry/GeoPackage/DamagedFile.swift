import Foundation
import GRDB

/// What can still be said about a registry file that SQLite reports as damaged: its header against its size
/// (a truncated copy), and which tables can still be read.
enum DamagedFile {
    static func diagnose(_ path: String) -> [String] {
        var out: [String] = []
        guard let handle = FileHandle(forReadingAtPath: path) else { return ["cannot read the file"] }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\0".utf8) else {
            return ["the file does not start with SQLite's header: it is not a SQLite database (or its first page is damaged)"]
        }
        func be(_ at: Int, _ n: Int) -> Int { header[at..<(at + n)].reduce(0) { $0 << 8 | Int($1) } }
        let pageSize = be(16, 2) == 1 ? 65536 : be(16, 2)
        let pages = be(28, 4)
        if pageSize > 0, pages > 0 {
            let held = size / pageSize
            if held < pages {
                out.append("truncated: the header says \(pages) pages of \(pageSize) bytes (\(pages * pageSize) bytes), the file holds \(size) bytes (\(held) whole pages)")
            } else {
                out.append("the header is sound: \(pages) pages of \(pageSize) bytes")
            }
        }
        var c = Configuration()
        c.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: c) else { return out }
        let tables = (try? queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }) ?? []
        if tables.isEmpty { out.append("the schema (sqlite_master) cannot be read") }
        for t in tables {
            // SQLite's check of one table and its indexes; a throw means it could not even walk it.
            let verdict: [String]
            do {
                verdict = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check(\"\(t)\")") }
            } catch let e as DatabaseError {
                verdict = [e.message ?? "unreadable"]
            } catch {
                verdict = ["unreadable"]
            }
            if verdict == ["ok"] { continue }
            var readable = 0
            _ = try? queue.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(t)\"")
                while try rows.next() != nil { readable += 1 }
            }
            out.append("table \(t) is damaged (\(verdict.prefix(3).joined(separator: "; "))); \(readable) rows can still be read")
        }
        if out.count == 1 && !tables.isEmpty { out.append("every table passes SQLite's check of it alone; the damage is in the file's free-page list or its overall structure") }
        return out
    }
}

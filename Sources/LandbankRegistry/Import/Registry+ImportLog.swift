extension Registry {
    /// The import log, newest first: every import, successful or not, with its counts by rule.
    public func imports() throws -> [ImportRecord] {
        try store.read { try $0.importRecords(id: nil) }
    }

    /// One import's log entry; a `notFound` error when there is no import numbered `id`.
    public func importRecord(_ id: Int64) throws -> ImportRecord {
        guard let r = try store.read({ try $0.importRecords(id: id) }).first else {
            throw RegistryError(path: store.location, kind: .notFound, "no import #\(id) in the log; `landbank issues` lists them")
        }
        return r
    }

    /// The issues of one import (or, with nil, of every import), in the order found, streamed with the
    /// import's number, so that a long list is never held in memory.
    public func forEachImportIssue(importID: Int64? = nil, _ body: (Int64, ImportIssue) throws -> Void) throws {
        if let importID { _ = try importRecord(importID) }
        try store.read { try $0.forEachImportIssue(importID: importID, body) }
    }
}

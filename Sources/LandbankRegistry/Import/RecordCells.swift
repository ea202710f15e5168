import LandbankLifecycle

/// Typed cells of one record of a records file (history, contracts, projects): each reader says how to get a
/// cell's trimmed text and how to name a failure at its row; the typed reads and their messages are shared.
protocol RecordCells {
    /// The cell's text, trimmed; nil when the column is absent or the cell empty.
    func text(_ c: String) -> String?
    /// An error naming the file and the row.
    func fail(_ what: String) -> ImportError
}

extension RecordCells {
    func required(_ c: String) throws -> String {
        guard let v = text(c) else { throw fail("column \"\(c)\" is empty") }
        return v
    }

    func date(_ c: String) throws -> CivilDate? {
        guard let v = text(c) else { return nil }
        guard let d = CivilDate(v) else { throw fail("column \"\(c)\": \"\(v)\" is not a date written YYYY-MM-DD") }
        return d
    }

    func parse<T: RawRepresentable & CaseIterable>(_ c: String, _ make: (String) -> T?) throws -> T? where T.RawValue == String {
        guard let v = text(c) else { return nil }
        guard let x = make(v) else {
            throw fail("column \"\(c)\": unknown value \"\(v)\"; use one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return x
    }
}

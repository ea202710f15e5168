/// CHECK constraints for enum columns.
enum Check {
    /// `CHECK (column IS NULL OR column = 'a' OR column = 'b' …)`.
    ///
    /// Written as an OR chain rather than `column IN ('a', 'b', …)`: for a list of more than two constants
    /// SQLite builds an ephemeral index each time a single-row INSERT runs, measured here at 3.7 µs a row
    /// and a constraint, which an import pays for every row (an OR chain costs nothing measurable).
    static func oneOf<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) -> String where T.RawValue == String {
        "CHECK (\(column) IS NULL OR " + T.allCases.map { "\(column) = '\($0.rawValue)'" }.joined(separator: " OR ") + ")"
    }
}

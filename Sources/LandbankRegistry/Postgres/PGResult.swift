import CLibPQ

/// A statement's result (`PGresult`), owned here and cleared in `deinit`; its values read as text.
final class PGResult {
    private let result: OpaquePointer
    let count: Int
    private let columns: [String: Int32]

    init(_ result: OpaquePointer) {
        self.result = result
        count = Int(PQntuples(result))
        var columns: [String: Int32] = [:]
        for i in 0..<PQnfields(result) { columns[String(cString: PQfname(result, i))] = i }
        self.columns = columns
    }

    deinit { PQclear(result) }

    /// Rows affected by an INSERT, UPDATE or DELETE.
    var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    var rows: [PGRow] { (0..<count).map { PGRow(result: self, index: Int32($0)) } }

    var first: PGRow? { count > 0 ? PGRow(result: self, index: 0) : nil }

    fileprivate func text(_ row: Int32, _ column: String) -> String? {
        guard let c = columns[column], PQgetisnull(result, row, c) == 0 else { return nil }
        return String(cString: PQgetvalue(result, row, c))
    }

    fileprivate func text(_ row: Int32, at column: Int) -> String? {
        let c = Int32(column)
        guard c < PQnfields(result), PQgetisnull(result, row, c) == 0 else { return nil }
        return String(cString: PQgetvalue(result, row, c))
    }
}

/// One row of a `PGResult` (which it keeps alive). A column missing or NULL, or text that does not parse as the
/// type asked for, reads as nil.
struct PGRow {
    let result: PGResult
    let index: Int32

    subscript<T: PGDecodable>(_ column: String) -> T? {
        result.text(index, column).flatMap(T.init(pgText:))
    }

    subscript<T: PGDecodable>(_ column: Int) -> T? {
        result.text(index, at: column).flatMap(T.init(pgText:))
    }
}

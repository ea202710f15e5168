import CLibPQ
import Foundation

/// One libpq connection (`PGconn`), owned here: opened by the throwing init, finished in `deinit`, and the handle
/// never leaves this type.
///
/// Thread rule: a libpq connection must not be used by two threads at once. `PGPool` hands each connection to
/// one transaction at a time, so this class needs no lock of its own; it is `@unchecked Sendable` only so that
/// the pool can keep idle connections, which it guards with its lock.
final class PGConnection: @unchecked Sendable {
    private let conn: OpaquePointer
    let url: PGURL

    /// Connects with the URL; what it leaves out comes from the usual `PG*` environment variables (libpq reads
    /// them itself: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE…).
    init(_ url: PGURL) throws {
        self.url = url
        guard let c = PQconnectdb(url.url) else {
            throw PGError(url: url, sqlState: nil, message: "libpq could not allocate a connection")
        }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(c))
            PQfinish(c)
            // libpq gives no SQLSTATE for a refused connection: its message says what was refused.
            let state = message.contains("does not exist") && message.contains("database \"") ? "3D000"
                : message.contains("authentication failed") ? "28P01" : "08001"
            throw PGError(url: url, sqlState: state, message: message)
        }
        conn = c
        // Server notices (NOTICE: … already exists, skipping) are not errors: keep them off the terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(conn) }

    /// Whether the connection still works (a broken one is dropped by the pool, not reused).
    var isOK: Bool { PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_IDLE }

    /// Runs one statement with parameters (`$1`, `$2`…, sent as text, bytes in binary); the result's rows
    /// come back as text.
    @discardableResult
    func query(_ sql: String, _ params: [PGEncodable?] = []) throws -> PGResult {
        let values = params.map { $0?.pgValue }
        var buffers: [[CChar]?] = values.map { v in
            switch v {
            case nil: return nil
            case .text(let s)?: return Array(s.utf8CString)
            case .bytes(let b)?: return b.map { CChar(bitPattern: $0) }
            }
        }
        let lengths: [Int32] = values.map { v in if case .bytes(let b)? = v { return Int32(b.count) }; return 0 }
        let formats: [Int32] = values.map { v in if case .bytes? = v { return 1 }; return 0 }
        let result: OpaquePointer? = withPointers(&buffers) { pointers in
            PQexecParams(conn, sql, Int32(values.count), nil, pointers, lengths, formats, 0)
        }
        return try check(result, sql)
    }

    /// Runs SQL without parameters (several statements allowed: a migration's script).
    func execute(_ sql: String) throws {
        _ = try check(PQexec(conn, sql), sql)
    }

    /// `COPY … FROM STDIN` (text format): `body` writes the rows through the `PGCopy` it is given.
    func copy(_ sql: String, _ body: (inout PGCopy) throws -> Void) throws {
        try beginCopy(sql)
        var copy = PGCopy()
        do {
            try body(&copy)
            try copy.flush(into: self)
        } catch {
            try? endCopy(failing: true)
            throw error
        }
        try endCopy()
    }

    /// Starts a `COPY … FROM STDIN`; until `endCopy`, only `putCopyData` may be called.
    func beginCopy(_ sql: String) throws {
        let start = PQexec(conn, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else { _ = try check(start, sql); return }
        PQclear(start)
    }

    /// Ends the COPY (abandons it when `failing`) and checks what the server made of it.
    func endCopy(failing: Bool = false) throws {
        let end = failing ? PQputCopyEnd(conn, "landbank stopped the copy") : PQputCopyEnd(conn, nil)
        if end != 1 { throw PGError(url: url, sqlState: nil, message: String(cString: PQerrorMessage(conn))) }
        var failure: Error?
        while let r = PQgetResult(conn) {
            if failing || failure != nil { PQclear(r); continue }
            do { _ = try check(r, "COPY") } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Sends a chunk of COPY data.
    func putCopyData(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
        }
        if sent != 1 { throw PGError(url: url, sqlState: nil, message: String(cString: PQerrorMessage(conn))) }
    }

    /// Checks a result, freeing it on failure; the SQLSTATE and the server's message become a `PGError`.
    private func check(_ result: OpaquePointer?, _ sql: String) throws -> PGResult {
        guard let result else {
            throw PGError(url: url, sqlState: nil, message: String(cString: PQerrorMessage(conn)))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(result)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let message = primary ?? String(cString: PQresultErrorMessage(result))
            PQclear(result)
            throw PGError(url: url, sqlState: state, message: message)
        }
    }

    private func withPointers<R>(_ buffers: inout [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        // Each buffer stays alive (and pinned) for the call: the pointers are taken inside nested closures.
        func nest(_ i: Int, _ acc: [UnsafePointer<CChar>?]) -> R {
            if i == buffers.count { return body(acc) }
            guard buffers[i] != nil else { return nest(i + 1, acc + [nil]) }
            return buffers[i]!.withUnsafeBufferPointer { nest(i + 1, acc + [$0.baseAddress]) }
        }
        return nest(0, [])
    }
}

/// Rows of a `COPY … FROM STDIN` in text format, buffered and sent in chunks.
struct PGCopy {
    private var buffer: [UInt8] = []

    /// Appends one row; nil is `\N`, text is escaped (backslash, tab, newline, carriage return).
    mutating func row(_ fields: [PGEncodable?]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(9) }
            switch f?.pgValue {
            case nil: buffer.append(contentsOf: [92, 78])
            case .text(let s)?:
                for b in s.utf8 {
                    switch b {
                    case 92: buffer.append(contentsOf: [92, 92])
                    case 9: buffer.append(contentsOf: [92, 116])
                    case 10: buffer.append(contentsOf: [92, 110])
                    case 13: buffer.append(contentsOf: [92, 114])
                    default: buffer.append(b)
                    }
                }
            case .bytes(let b)?:
                // bytea's hex input, its backslash escaped for COPY: \\x0a1b…
                buffer.append(contentsOf: [92, 92, 120])
                let digits = Array("0123456789abcdef".utf8)
                for x in b { buffer.append(digits[Int(x >> 4)]); buffer.append(digits[Int(x & 15)]) }
            }
        }
        buffer.append(10)
    }

    var pending: Int { buffer.count }

    /// A text[] literal ("{\"a\",\"b\"}"), each element quoted and its quotes and backslashes escaped, for
    /// `= ANY($1::text[])`.
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    /// Sends what is buffered once it passes 1 MiB (always when `force`).
    mutating func flush(into c: PGConnection, force: Bool = true) throws {
        guard !buffer.isEmpty, force || buffer.count > 1 << 20 else { return }
        try c.putCopyData(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

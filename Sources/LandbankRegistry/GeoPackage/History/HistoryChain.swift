import Crypto
import Foundation
import GRDB
import LandbankLifecycle

/// The tamper-evident chain of the history: every event carries the SHA-256 of its canonical content and of the
/// previous event's hash (in id order), and every kept geometry the SHA-256 of its content and of its event's
/// hash. `verify` recomputes both chains; an edit of any stored figure, or a row inserted or removed with the
/// protecting triggers dropped, breaks the chain at that row.
///
/// Events captured by the registry's triggers (edits made outside landbank) arrive without a hash; the next
/// landbank write seals them, in id order, before it appends anything.
///
/// Use: one chain per write transaction, made inside it (it reads the last hash and the next id).
final class HistoryChain {
    static let genesis = String(repeating: "0", count: 64)

    private let db: Database
    private(set) var lastHash: String
    private var nextEventID: Int64
    private var nextGeometryID: Int64
    /// The time of this write, to the second: the `recorded_at` of the events it appends.
    let recordedAt = HistoryChain.now()
    private let insertEvent: Statement
    private let insertGeometry: Statement

    init(_ db: Database) throws {
        self.db = db
        try Self.seal(db)
        lastHash = try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM events ORDER BY id DESC LIMIT 1")) ?? Self.genesis
        nextEventID = try Self.nextID(of: "events", db)
        nextGeometryID = try Self.nextID(of: "geometry_history", db)
        // Cached on the writer's connection: a chain is made for every write transaction, and compiling these
        // (with GRDB's authorizer) anew each time was a fifth of a small write's cost.
        insertEvent = try db.cachedStatement(sql: """
            INSERT INTO events (id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen,
              recorded_by, note, corrects, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertGeometry = try db.cachedStatement(sql: """
            INSERT INTO geometry_history (id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2,
              previous_ellipsoidal_area_m2, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Appends an event, chained to the last one; returns its id.
    @discardableResult
    func append(_ content: EventContent) throws -> Int64 {
        var e = content
        if e.recordedAt.isEmpty { e.recordedAt = recordedAt }
        let id = nextEventID
        let hash = Self.hash(id: id, e, previous: lastHash)
        try insertEvent.execute(arguments: [id, e.subjectKind, e.subjectID, e.date, e.kind, e.status,
                                            e.disposalMethod, e.legalBasis, e.amountFen, e.recordedBy, e.note, e.corrects,
                                            e.recordedAt, hash])
        lastHash = hash
        nextEventID += 1
        return id
    }

    /// Keeps a replaced geometry, tied to the event (just appended) that replaced it.
    func keepGeometry(_ g: GeometryContent) throws {
        let id = nextGeometryID
        try insertGeometry.execute(arguments: [id, g.subjectKind, g.subjectID, g.eventID, g.blob,
                                               g.cadastralAreaM2, g.ellipsoidalAreaM2, Self.hash(id: id, g, eventHash: lastHash)])
        nextGeometryID += 1
    }

    /// The time an event is recorded, to the second, UTC, as stored in `recorded_at`.
    /// (`YYYY-MM-DDTHH:MM:SSZ`, what ISO8601DateFormatter's internet date-time gives; formatted from the C
    /// library's broken-down time: making a formatter for every write cost more than the write's SQL.)
    static func now() -> String { timestamp(time(nil)) }

    static func timestamp(_ seconds: time_t) -> String {
        var t = seconds
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }

    private static func nextID(of table: String, _ db: Database) throws -> Int64 {
        let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = ?"), arguments: [table]) ?? 0
        let maxID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM \(table)")) ?? 0
        return max(seq, maxID) + 1
    }

    /// Seals the events and kept geometries that the registry's triggers recorded without a hash (edits made
    /// outside landbank). Only such rows may lack one; the triggers allow setting a missing hash once, and only
    /// while landbank writes.
    static func seal(_ db: Database) throws {
        try sealEvents(db)
        try sealKeptGeometries(db)
    }

    private static func sealEvents(_ db: Database) throws {
        let unsealed = try Row.fetchAll(db.cachedStatement(sql: "SELECT \(EventContent.columns) FROM events WHERE hash IS NULL ORDER BY id"))
        if !unsealed.isEmpty {
            let firstID: Int64 = unsealed[0]["id"]
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE id < ? ORDER BY id DESC LIMIT 1",
                                               arguments: [firstID]) ?? genesis
            for row in unsealed {
                let id: Int64 = row["id"]
                let h = hash(id: id, EventContent(row: row), previous: previous)
                try db.execute(sql: "UPDATE events SET hash = ? WHERE id = ?", arguments: [h, id])
                previous = h
            }
        }
    }

    /// Hashes the kept geometries that have no hash yet, each with its event's hash (sealed first).
    static func sealKeptGeometries(_ db: Database) throws {
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT g.*, e.hash AS event_hash FROM geometry_history g
            JOIN events e ON e.id = g.event_id WHERE g.hash IS NULL ORDER BY g.id
            """)) {
            let id: Int64 = row["id"]
            let h = hash(id: id, GeometryContent(row: row), eventHash: row["event_hash"] ?? genesis)
            try db.execute(sql: "UPDATE geometry_history SET hash = ? WHERE id = ?", arguments: [h, id])
        }
    }

    // MARK: canonical content

    /// SHA-256 (lowercase hex) of an event's canonical content and the previous event's hash.
    static func hash(id: Int64, _ e: EventContent, previous: String) -> String {
        var c = Canonical()
        c.add(String(id)); c.add(e.subjectKind); c.add(e.subjectID); c.add(e.date); c.add(e.kind)
        c.add(e.status); c.add(e.disposalMethod); c.add(e.legalBasis); c.add(e.amountFen.map(String.init))
        c.add(e.recordedBy); c.add(e.note); c.add(e.corrects.map(String.init)); c.add(e.recordedAt); c.add(previous)
        return c.digest
    }

    /// SHA-256 of a kept geometry's canonical content (the blob by its own SHA-256) and its event's hash.
    static func hash(id: Int64, _ g: GeometryContent, eventHash: String) -> String {
        var c = Canonical()
        c.add(String(id)); c.add(g.subjectKind); c.add(g.subjectID); c.add(String(g.eventID))
        c.add(sha256(g.blob)); c.add(g.cadastralAreaM2.map { "\($0)" }); c.add("\(g.ellipsoidalAreaM2)"); c.add(eventHash)
        return c.digest
    }

    /// Lowercase hex SHA-256 (formatted by table: `String(format:)` per byte cost more than the hash itself).
    static func sha256<D: DataProtocol>(_ bytes: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Fields length-prefixed ("5:hello;"), a missing one as "-;", so that no two contents encode alike.
    struct Canonical {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(512) }

        mutating func add(_ field: String?) {
            guard var s = field else {
                bytes.append(UInt8(ascii: "-")); bytes.append(UInt8(ascii: ";"))
                return
            }
            s.withUTF8 { u in
                appendDecimal(u.count)
                bytes.append(UInt8(ascii: ":"))
                bytes.append(contentsOf: u)
            }
            bytes.append(UInt8(ascii: ";"))
        }

        /// The length prefix in decimal digits (the same text as `String(n)`, without formatting it).
        private mutating func appendDecimal(_ n: Int) {
            if n >= 10 { appendDecimal(n / 10) }
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
        }

        var digest: String { HistoryChain.sha256(bytes) }
    }
}

/// What an event says, as hashed and stored (the id and hash aside); an empty `recordedAt` is the chain's. Kept as the stored text, so that a row
/// that breaks the schema's CHECKs (possible only with them removed) still hashes, and fails the comparison.
struct EventContent {
    var subjectKind: String
    var subjectID: String
    var date: String
    var kind: String
    var status: String?
    var disposalMethod: String?
    var legalBasis: String?
    var amountFen: Int64?
    var recordedBy: String
    var note: String?
    var corrects: Int64?
    var recordedAt: String

    static let columns = "id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen, recorded_by, note, corrects, recorded_at"

    init(subject: Subject, date: CivilDate, kind: EventKind, status: ParcelStatus? = nil, disposalMethod: DisposalMethod? = nil,
         legalBasis: String? = nil, amount: Money? = nil, recordedBy: String, note: String? = nil, corrects: Int64? = nil,
         recordedAt: String = "") {
        subjectKind = subject.kind.rawValue
        subjectID = subject.id
        self.date = date.description
        self.kind = kind.rawValue
        self.status = status?.rawValue
        self.disposalMethod = disposalMethod?.rawValue
        self.legalBasis = legalBasis
        amountFen = amount?.fen
        self.recordedBy = recordedBy
        self.note = note
        self.corrects = corrects
        self.recordedAt = recordedAt
    }

    init(row: Row) {
        subjectKind = row["subject"] ?? ""
        subjectID = row["subject_id"] ?? ""
        date = row["event_date"] ?? ""
        kind = row["kind"] ?? ""
        status = row["status"]
        disposalMethod = row["disposal_method"]
        legalBasis = row["legal_basis"]
        amountFen = row["amount_fen"]
        recordedBy = row["recorded_by"] ?? ""
        note = row["note"]
        corrects = row["corrects"]
        recordedAt = row["recorded_at"] ?? ""
    }
}

/// A replaced geometry as kept in geometry_history.
struct GeometryContent {
    var subjectKind: String
    var subjectID: String
    var eventID: Int64
    var blob: Data
    var cadastralAreaM2: Double?
    var ellipsoidalAreaM2: Double

    static let columns = "id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2, previous_ellipsoidal_area_m2"

    init(subject: Subject, eventID: Int64, blob: Data, cadastralAreaM2: Double?, ellipsoidalAreaM2: Double) {
        subjectKind = subject.kind.rawValue
        subjectID = subject.id
        self.eventID = eventID
        self.blob = blob
        self.cadastralAreaM2 = cadastralAreaM2
        self.ellipsoidalAreaM2 = ellipsoidalAreaM2
    }

    init(row: Row) {
        subjectKind = row["subject"] ?? ""
        subjectID = row["subject_id"] ?? ""
        eventID = row["event_id"] ?? 0
        blob = row["previous_geom"] ?? Data()
        cadastralAreaM2 = row["previous_cadastral_area_m2"]
        ellipsoidalAreaM2 = row["previous_ellipsoidal_area_m2"] ?? .nan
    }
}

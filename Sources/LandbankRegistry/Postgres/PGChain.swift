import Foundation

/// The history's hash chain on PostgreSQL: the same canonical content and hashes as the GeoPackage store's
/// (`HistoryChain.hash`), so that a registry copied between the stores keeps every hash. Ids are given here, in
/// order, under landbank's writer lock (`PGPool.write`), which also keeps the last hash from moving underneath.
///
/// Use: one chain per write transaction, made inside it.
final class PGChain {
    private let c: PGConnection
    private(set) var lastHash: String
    private var nextEventID: Int64
    private var nextGeometryID: Int64
    /// The time of this write, to the second: the `recorded_at` of the events it appends.
    let recordedAt = HistoryChain.now()

    init(_ c: PGConnection) throws {
        self.c = c
        let last = try c.query("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").first
        lastHash = last?["hash"] ?? HistoryChain.genesis
        nextEventID = (last?["id"] ?? 0) + 1
        nextGeometryID = (try c.query("SELECT max(id) AS id FROM geometry_history").first?["id"] ?? 0) + 1
    }

    static let insertEvent = """
        INSERT INTO events (id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen,
          recorded_by, note, corrects, recorded_at, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        """

    /// The next event as a row of values (`insertEvent`'s order), chained: for an INSERT or a COPY.
    func next(_ content: EventContent) -> (id: Int64, values: [PGEncodable?]) {
        var e = content
        if e.recordedAt.isEmpty { e.recordedAt = recordedAt }
        let id = nextEventID
        let hash = HistoryChain.hash(id: id, e, previous: lastHash)
        lastHash = hash
        nextEventID += 1
        return (id, [id, e.subjectKind, e.subjectID, e.date, e.kind, e.status, e.disposalMethod, e.legalBasis, e.amountFen,
                     e.recordedBy, e.note, e.corrects, e.recordedAt, hash])
    }

    /// Appends an event, chained to the last one; returns its id.
    @discardableResult
    func append(_ content: EventContent) throws -> Int64 {
        let (id, values) = next(content)
        try c.query(Self.insertEvent, values)
        return id
    }

    /// Inserts a copied event with its own id and time of recording (ids must come in increasing order);
    /// returns the hash it chains to.
    func insert(_ e: HistoryEvent) throws -> String {
        let content = EventContent(subject: e.subject, date: e.date, kind: e.kind, status: e.status, disposalMethod: e.disposalMethod,
                                   legalBasis: e.legalBasis, amount: e.amount, recordedBy: e.recordedBy, note: e.note,
                                   corrects: e.corrects, recordedAt: e.recordedAt)
        nextEventID = e.id
        let (_, values) = next(content)
        try c.query(Self.insertEvent, values)
        return lastHash
    }

    /// Keeps a replaced geometry (its GeoPackage blob), tied to the event just appended that replaced it.
    func keepGeometry(_ g: GeometryContent) throws {
        let id = nextGeometryID
        try c.query("""
            INSERT INTO geometry_history (id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2,
              previous_ellipsoidal_area_m2, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [id, g.subjectKind, g.subjectID, g.eventID, g.blob, g.cadastralAreaM2, g.ellipsoidalAreaM2,
                  HistoryChain.hash(id: id, g, eventHash: lastHash)])
        nextGeometryID += 1
    }
}

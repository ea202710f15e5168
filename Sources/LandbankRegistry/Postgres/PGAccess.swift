import Foundation
import LandbankGeometry
import LandbankLifecycle

/// The PostGIS store's primitive reads and writes on one connection, inside one snapshot or transaction.
/// Made by `PostGISStore.read`/`write` and valid only inside their bodies.
final class PGAccess: StoreWriter {
    let c: PGConnection
    let store: PostGISStore
    /// The history chain of this write transaction, made on the first append (it reads the last hash).
    private var chain: PGChain?

    init(c: PGConnection, store: PostGISStore) {
        self.c = c
        self.store = store
    }

    var location: String { store.location }

    func historyChain() throws -> PGChain {
        if let chain { return chain }
        let made = try PGChain(c)
        chain = made
        return made
    }

    func parcelCount() throws -> Int {
        try c.query("SELECT count(*) AS n FROM parcels").first?["n"] ?? 0
    }

    func subjectExists(_ s: Subject) throws -> Bool {
        let (table, column) = s.kind == .parcel ? ("parcels", "parcel_id") : ("buildings", "building_id")
        return try c.query("SELECT 1 FROM \(table) WHERE \(column) = $1", [s.id]).count > 0
    }

    func parcel(id: String) throws -> (parcel: Parcel, geometry: MultiPolygon)? {
        guard let r = try c.query("SELECT \(PGRecords.parcelColumns), ST_AsBinary(geom) AS wkb FROM parcels WHERE parcel_id = $1",
                                  [id]).first else { return nil }
        return (PGRecords.parcel(r), try PGGeometry.multiPolygon(r, id: id, location: location))
    }

    func parcels(ids: [String]) throws -> [Parcel] {
        guard !ids.isEmpty else { return [] }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ids), as: UTF8.self)
        return try c.query("SELECT \(PGRecords.parcelColumns) FROM parcels WHERE parcel_id IN (SELECT jsonb_array_elements_text($1::jsonb))",
                           [json]).rows.map(PGRecords.parcel)
    }

    /// The filter as a WHERE clause on `parcels` and its parameters, numbered from `$first`.
    static func filterSQL(_ f: ParcelFilter, alias: String = "", first: Int = 1) -> (String, [PGEncodable?]) {
        var clauses: [String] = []
        var args: [PGEncodable?] = []
        if let status = f.status { args.append(status.rawValue); clauses.append("\(alias)status = $\(first + args.count - 1)") }
        if let zone = f.zone { args.append(zone); clauses.append("\(alias)zone = $\(first + args.count - 1)") }
        return (clauses.isEmpty ? "TRUE" : clauses.joined(separator: " AND "), args)
    }

    func forEachParcel(_ filter: ParcelFilter, limit: Int?, _ body: (Parcel) throws -> Void) throws {
        let (whereSQL, args) = Self.filterSQL(filter)
        try stream("SELECT \(PGRecords.parcelColumns) FROM parcels WHERE \(whereSQL) ORDER BY parcel_id\(limit.map { " LIMIT \($0)" } ?? "")",
                   args) { try body(PGRecords.parcel($0)) }
    }

    func forEachParcelWithShape(_ filter: ParcelFilter, _ body: (Parcel, MultiPolygon) throws -> Void) throws {
        let (whereSQL, args) = Self.filterSQL(filter)
        try stream("SELECT \(PGRecords.parcelColumns), ST_AsBinary(geom) AS wkb FROM parcels WHERE \(whereSQL) ORDER BY parcel_id", args) { r in
            let p = PGRecords.parcel(r)
            try body(p, try PGGeometry.multiPolygon(r, id: p.parcelID, location: location))
        }
    }

    /// Streams a query's rows through a cursor, 5,000 at a time, inside the current transaction.
    func stream(_ sql: String, _ args: [PGEncodable?], _ body: (PGRow) throws -> Void) throws {
        let name = "landbank_cursor_\(UInt32.random(in: 0...UInt32.max))"
        try c.query("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", args)
        defer { _ = try? c.query("CLOSE \(name)") }
        while true {
            let page = try c.query("FETCH 5000 FROM \(name)")
            for r in page.rows { try body(r) }
            if page.count < 5000 { break }
        }
    }

    func parcelShapes(meeting e: BoundingBox) throws -> [(id: String, geometry: MultiPolygon)] {
        try c.query("""
            SELECT parcel_id, ST_AsBinary(geom) AS wkb FROM parcels WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, $5)
            """, [e.minX, e.minY, e.maxX, e.maxY, store.srsID]).rows.map { r in
            let id: String = r["parcel_id"] ?? ""
            return (id, try PGGeometry.multiPolygon(r, id: id, location: location))
        }
    }

    func buildings(_ filter: ParcelFilter, parcelID: String?, limit: Int?) throws -> [Building] {
        try c.query("""
            SELECT \(PGRecords.aliased(PGRecords.buildingColumns, "b"))
            FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id
            WHERE ($1::text IS NULL OR b.status = $1) AND ($2::text IS NULL OR p.zone = $2) AND ($3::text IS NULL OR b.parcel_id = $3)
            ORDER BY b.building_id \(limit.map { "LIMIT \($0)" } ?? "")
            """, [filter.status?.rawValue, filter.zone, parcelID]).rows.map(PGRecords.building)
    }

    func building(id: String) throws -> Building? {
        try c.query("SELECT \(PGRecords.buildingColumns) FROM buildings WHERE building_id = $1", [id]).first.map(PGRecords.building)
    }

    func events(of subject: Subject) throws -> [HistoryEvent] {
        try c.query("""
            SELECT \(PGRecords.eventColumns) FROM events WHERE subject = $1 AND subject_id = $2 ORDER BY event_date, id
            """, [subject.kind.rawValue, subject.id]).rows.compactMap(PGRecords.event)
    }

    func event(id: Int64) throws -> HistoryEvent? {
        try c.query("SELECT \(PGRecords.eventColumns) FROM events WHERE id = $1", [id]).first.flatMap(PGRecords.event)
    }

    func forEachHistory(of kind: Subject.Kind, kinds: Set<EventKind>, _ body: (String, [HistoryEvent]) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            var groups = SubjectGroups(body)
            try stream("""
                SELECT \(PGRecords.eventColumns) FROM events WHERE subject = $1 AND kind = ANY($2::text[])
                ORDER BY subject_id, event_date, id
                """, [kind.rawValue, "{" + kinds.map(\.rawValue).sorted().joined(separator: ",") + "}"]) { r in
                if let e = PGRecords.event(r) { try groups.add(e) }
            }
            try groups.finish()
        }
    }

    func contracts(parcelID: String?) throws -> [StoredContract] {
        try c.query("""
            SELECT \(PGRecords.contractColumns) FROM contracts WHERE $1::text IS NULL OR parcel_id = $1 ORDER BY parcel_id, contract_no
            """, [parcelID]).rows.compactMap(PGRecords.contract)
    }

    func extent() throws -> BoundingBox? {
        guard let r = try c.query("""
            SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
            FROM (SELECT ST_Extent(geom)::geometry AS e FROM parcels) x
            """).first, let minX: Double = r["minx"], let minY: Double = r["miny"], let maxX: Double = r["maxx"],
              let maxY: Double = r["maxy"] else { return nil }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// The GiST index holds every row (PostgreSQL keeps it so): the parcels, once the index is there.
    func indexedCount() throws -> Int {
        guard try c.query("SELECT 1 FROM pg_indexes WHERE tablename = 'parcels' AND indexname = 'parcels_geom'").count > 0 else { return 0 }
        return try parcelCount()
    }

    func parcelZones() throws -> [String?] {
        // As the GeoPackage store: each next zone one seek in parcels_zone_status.
        let zones: [String?] = try c.query("""
            WITH RECURSIVE z(zone) AS (
                SELECT (SELECT min(zone) FROM parcels)
                UNION ALL
                SELECT (SELECT min(zone) FROM parcels WHERE zone > z.zone) FROM z WHERE z.zone IS NOT NULL)
            SELECT zone FROM z WHERE zone IS NOT NULL
            """).rows.map { $0["zone"] }
        let unzoned = try c.query("SELECT 1 FROM parcels WHERE zone IS NULL LIMIT 1").count > 0
        return zones + (unzoned ? [nil] : [])
    }

    func zonePolicies() throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try c.query("SELECT zone, policy FROM zone_policies").rows {
            if let z: String = r["zone"], let p: String = r["policy"] { out[z] = p }
        }
        return out
    }

    func apiTokens() throws -> [StoredToken] {
        try c.query("SELECT name, role, token_sha256, created_at, revoked_at FROM landbank_tokens ORDER BY id").rows.compactMap { r in
            guard let role = (r["role"] as String?).flatMap(TokenRole.init(rawValue:)) else { return nil }
            return StoredToken(name: r["name"] ?? "", role: role, digest: r["token_sha256"] ?? "", createdAt: r["created_at"] ?? "",
                               revokedAt: r["revoked_at"])
        }
    }

    func parcelRecord(id: String) throws -> (parcel: Parcel, geometryDigest: String?)? {
        guard let r = try c.query("SELECT \(PGRecords.parcelColumns) FROM parcels WHERE parcel_id = $1", [id]).first else { return nil }
        return (PGRecords.parcel(r), r["geom_sha256"])
    }

    func staleSubjects(limit: Int) throws -> [Subject] {
        try c.query("""
            (SELECT 'parcel' AS kind, parcel_id AS id FROM parcels WHERE geom_sha256 IS NULL ORDER BY parcel_id LIMIT $1)
            UNION ALL (SELECT 'building', building_id FROM buildings WHERE geom_sha256 IS NULL ORDER BY building_id LIMIT $1)
            """, [limit]).rows.prefix(limit).compactMap { r in
            guard let k = (r["kind"] as String?).flatMap(Subject.Kind.init(rawValue:)), let id: String = r["id"] else { return nil }
            return Subject(k, id)
        }
    }
}

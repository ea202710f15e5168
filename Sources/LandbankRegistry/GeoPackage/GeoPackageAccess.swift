import Foundation
import GRDB
import LandbankGeometry
import LandbankLifecycle

/// The GeoPackage store's primitive reads and writes on one connection, inside one snapshot or transaction.
/// Made by `GeoPackageStore.read`/`write` and valid only inside their bodies.
final class GeoPackageAccess: StoreWriter {
    let db: Database
    let path: String
    /// The history chain of this write transaction, made on the first append (it reads the last hash).
    private var chain: HistoryChain?

    init(db: Database, path: String) {
        self.db = db
        self.path = path
    }

    func historyChain() throws -> HistoryChain {
        if let chain { return chain }
        let made = try HistoryChain(db)
        chain = made
        return made
    }

    func parcelCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM parcels") ?? 0
    }

    func subjectExists(_ s: Subject) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(s.kind.table) WHERE \(s.kind.idColumn) = ?"), arguments: [s.id]) == true
    }

    func parcel(id: String) throws -> (parcel: Parcel, geometry: MultiPolygon)? {
        // Cached: the matcher and `blocks` read thousands of parcels one by one; compiling each (with GRDB's
        // authorizer) cost more than reading it.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Parcel.Columns.all), geom FROM parcels WHERE parcel_id = ?"),
                                         arguments: [id]) else { return nil }
        return (Parcel(row: row), try SpatialLayer.geometry(row, id: id, path: path))
    }

    func parcels(ids: [String]) throws -> [Parcel] {
        guard !ids.isEmpty else { return [] }
        // One statement whatever the count (the ids as one JSON array), each id one seek in the parcel_id index.
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(Parcel.Columns.all) FROM parcels WHERE parcel_id IN (SELECT value FROM json_each(?))
            """), arguments: [try Self.jsonArray(ids)]).map { Parcel(row: $0) }
    }

    static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: strings), as: UTF8.self)
    }

    func forEachParcel(_ filter: ParcelFilter, limit: Int?, _ body: (Parcel) throws -> Void) throws {
        let (whereSQL, args) = filter.sql
        let limitSQL = limit.map { " LIMIT \($0)" } ?? ""
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Parcel.Columns.all) FROM parcels \(whereSQL) ORDER BY parcel_id\(limitSQL)",
                                       arguments: args)
        while let row = try rows.next() { try body(Parcel(row: row)) }
    }

    func forEachParcelWithShape(_ filter: ParcelFilter, _ body: (Parcel, MultiPolygon) throws -> Void) throws {
        let (whereSQL, args) = filter.sql
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Parcel.Columns.all), geom FROM parcels \(whereSQL) ORDER BY parcel_id",
                                       arguments: args)
        while let row = try rows.next() {
            let p = Parcel(row: row)
            try body(p, try SpatialLayer.geometry(row, id: p.parcelID, path: path))
        }
    }

    func parcelShapes(meeting e: BoundingBox) throws -> [(id: String, geometry: MultiPolygon)] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.parcel_id, p.geom FROM rtree_parcels_geom r CROSS JOIN parcels p ON p.fid = r.id
            WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?
            """, arguments: [e.maxX, e.minX, e.maxY, e.minY])
        var out: [(id: String, geometry: MultiPolygon)] = []
        while let row = try rows.next() {
            let id: String = row[0]
            out.append((id, try SpatialLayer.geometry(row, id: id, path: path)))
        }
        return out
    }

    func buildings(_ filter: ParcelFilter, parcelID: String?, limit: Int?) throws -> [Building] {
        // Only the conditions given: SQLite cannot use an index for `?1 IS NULL OR b.parcel_id = ?1`, and a
        // parcel's buildings (its detail, the matcher's land sites) then scanned every building.
        var conditions: [String] = []
        var args: StatementArguments = []
        if let status = filter.status { conditions.append("b.status = ?"); args += [status.rawValue] }
        if let zone = filter.zone { conditions.append("p.zone = ?"); args += [zone] }
        if let parcelID { conditions.append("b.parcel_id = ?"); args += [parcelID] }
        let sql = """
            SELECT \(SpatialLayer.aliased(Building.columns, "b"))
            FROM buildings b JOIN parcels p ON p.parcel_id = b.parcel_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY b.building_id \(limit.map { "LIMIT \($0)" } ?? "")
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args).map(Building.init(row:))
    }

    func building(id: String) throws -> Building? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Building.columns) FROM buildings WHERE building_id = ?"), arguments: [id]).map(Building.init(row:))
    }

    func events(of subject: Subject) throws -> [HistoryEvent] {
        try db.fetchAllCached(sql: """
            SELECT \(HistoryEvent.columns) FROM events WHERE subject = ? AND subject_id = ? ORDER BY event_date, id
            """, arguments: [subject.kind.rawValue, subject.id]).map(HistoryEvent.init(row:))
    }

    func event(id: Int64) throws -> HistoryEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(HistoryEvent.columns) FROM events WHERE id = ?"), arguments: [id]).map(HistoryEvent.init(row:))
    }

    func forEachHistory(of kind: Subject.Kind, kinds: Set<EventKind>, _ body: (String, [HistoryEvent]) throws -> Void) throws {
        let list = kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(HistoryEvent.columns) FROM events WHERE subject = ? AND kind IN (\(list))
            ORDER BY subject_id, event_date, id
            """, arguments: [kind.rawValue])
        try withoutActuallyEscaping(body) { body in
            var groups = SubjectGroups(body)
            while let row = try cursor.next() { try groups.add(HistoryEvent(row: row)) }
            try groups.finish()
        }
    }

    func contracts(parcelID: String?) throws -> [StoredContract] {
        guard let parcelID else {
            return try Row.fetchAll(db, sql: "SELECT \(StoredContract.columns) FROM contracts ORDER BY parcel_id, contract_no")
                .map(StoredContract.init(row:))
        }
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(StoredContract.columns) FROM contracts WHERE parcel_id = ? ORDER BY contract_no
            """), arguments: [parcelID]).map(StoredContract.init(row:))
    }

    func extent() throws -> BoundingBox? {
        let row = try Row.fetchOne(db, sql: "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'parcels'")
        guard let row, let minX = row[0] as Double?, let minY = row[1] as Double?,
              let maxX = row[2] as Double?, let maxY = row[3] as Double? else { return nil }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    func indexedCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM rtree_parcels_geom") ?? 0
    }

    // MARK: writes

    func appendEvent(_ e: NewEvent, kind: EventKind) throws -> HistoryEvent {
        let id = try historyChain().append(EventContent(
            subject: e.subject, date: e.date, kind: kind, status: e.status, disposalMethod: e.disposalMethod,
            legalBasis: e.legalBasis, amount: e.amount, recordedBy: e.recordedBy, note: e.note, corrects: e.corrects))
        guard let added = try event(id: id) else {
            // Inserted just above in this transaction: not finding it is a bug of ours.
            preconditionFailure("event #\(id) vanished inside its own transaction")
        }
        return added
    }

    func setStatus(of s: Subject, _ status: ParcelStatus?, _ method: DisposalMethod?) throws {
        try db.executeCached(sql: "UPDATE \(s.kind.table) SET status = ?, disposal_method = ? WHERE \(s.kind.idColumn) = ?",
                       arguments: [status?.rawValue, method?.rawValue, s.id])
    }

    func putContract(_ c: StoredContract) throws {
        try db.execute(sql: "DELETE FROM contracts WHERE parcel_id = ? AND contract_no = ?",
                       arguments: [c.parcelID, c.contract.contractNumber])
        try db.execute(sql: "INSERT INTO contracts (\(StoredContract.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: c.arguments)
    }

    func geometryRecord(of s: Subject) throws -> GeometryRecord? {
        let (cad, ell) = s.kind.areaColumns
        guard let row = try db.fetchOneCached(sql: "SELECT geom, \(cad), \(ell) FROM \(s.kind.table) WHERE \(s.kind.idColumn) = ?",
                                         arguments: [s.id]) else { return nil }
        let blob: Data = row[0]
        let geometry = try? blob.withUnsafeBytes { try GeoPackageBinary.decode($0).geometry }
        return GeometryRecord(blob: [UInt8](blob), geometry: geometry ?? nil, cadastralAreaM2: row[1], ellipsoidalAreaM2: row[2])
    }

    func keepGeometry(_ r: GeometryRecord, of s: Subject, eventID: Int64) throws {
        try historyChain().keepGeometry(GeometryContent(subject: s, eventID: eventID, blob: Data(r.blob),
                                                          cadastralAreaM2: r.cadastralAreaM2, ellipsoidalAreaM2: r.ellipsoidalAreaM2))
    }

    func storeGeometry(_ out: FeatureProcessor.Output, of s: Subject) throws {
        try GeoPackageStore.store(out, of: s, in: db)
    }
}

extension GeoPackageStore {
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        do {
            return try db.read { try body(GeoPackageAccess(db: $0, path: path)) }
        } catch {
            throw StoreFailure.map(error, path: path)
        }
    }

    /// One write transaction marked as landbank's own (see `RegistryWrite`).
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        do {
            return try write { db in try body(GeoPackageAccess(db: db, path: path)) }
        } catch {
            throw StoreFailure.map(error, path: path)
        }
    }
}

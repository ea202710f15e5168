import Foundation
import GRDB
import LandbankGeodesy
import LandbankLifecycle

/// Inserts parcels, and a `registered` event for each parcel that comes with a status.
struct ParcelWriter: FeatureWriter {
    let db: Database
    let file: String
    let importedAt: String
    let firstFid: Int64
    let options: ImportOptions
    /// Made again after a refused row: SQLite keeps a failed statement's error until it is reset, and GRDB
    /// would report it again on the next row.
    var insert: Statement
    let chain: HistoryChain
    /// Where rows written so far stand in the file: (k, o) says that the k-th row written onwards, up to the next
    /// entry, is the feature at index k + o. A new entry only where a feature was skipped, so this stays small.
    private var offsets: [(written: Int64, offset: Int)] = []

    init(db: Database, file: String, importedAt: String, firstFid: Int64, options: ImportOptions, chain: HistoryChain) throws {
        self.db = db
        self.file = file
        self.importedAt = importedAt
        self.firstFid = firstFid
        self.options = options
        insert = try db.makeStatement(sql: """
            INSERT INTO parcels (geom, geom_sha256, parcel_id, name, zone, land_use, status, disposal_method,
              cadastral_area_m2, cadastral_area_mu, ellipsoidal_area_m2, ellipsoidal_area_mu, properties, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        self.chain = chain
    }

    mutating func write(_ row: ImportPipeline.Row) throws -> Int64 {
        guard case .parcel(let a) = row.attributes else { preconditionFailure("parcel writer given a building") }
        let out = row.output
        do {
            try insert.execute(arguments: [
                Data(out.blob), out.digest, a.parcelID, a.name, a.zone, a.landUse, a.status?.rawValue, a.disposalMethod?.rawValue,
                out.cadastralAreaM2, out.cadastralAreaM2.map(AreaUnit.mu.fromSquareMetres),
                out.ellipsoidalAreaM2, AreaUnit.mu.fromSquareMetres(out.ellipsoidalAreaM2),
                a.otherProperties, importedAt,
            ])
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            insert = try db.makeStatement(sql: insert.sql)
            let existing = try Int64.fetchOne(db, sql: "SELECT fid FROM parcels WHERE parcel_id = ?", arguments: [a.parcelID])
            let first = existing.flatMap { $0 >= firstFid ? "feature \(index(ofWritten: $0 - firstFid) + 1)" : nil }
            throw ImportError(file: file, position: row.position, featureID: a.parcelID,
                              reason: .duplicateID(a.parcelID, firstPosition: first))
        }
        let fid = db.lastInsertedRowID
        let k = fid - firstFid, offset = row.index - Int(k)
        if offsets.last?.offset != offset { offsets.append((k, offset)) }
        if let status = a.status {
            try chain.append(RegisteredEvent.content(
                .parcel, a.parcelID, a.statusDate ?? options.statusDate, status, a.disposalMethod, options.recordedBy, file))
        }
        return fid
    }
}

extension ParcelWriter {
    /// The file index of the k-th row this import wrote.
    func index(ofWritten k: Int64) -> Int {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if offsets[mid].written <= k { lo = mid + 1 } else { hi = mid }
        }
        return Int(k) + (lo > 0 ? offsets[lo - 1].offset : 0)
    }
}

/// The first event of a subject's history, written by an import.
enum RegisteredEvent {
    static func content(_ kind: Subject.Kind, _ id: String, _ date: CivilDate, _ status: ParcelStatus,
                        _ method: DisposalMethod?, _ by: String, _ file: String) -> EventContent {
        EventContent(subject: Subject(kind, id), date: date, kind: .registered, status: status, disposalMethod: method,
                     recordedBy: by, note: "registered on import from \(file)")
    }
}

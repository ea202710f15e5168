import Foundation
import GRDB
import LandbankLifecycle

/// `import --update` on the SQLite thread: each feature is matched to the registry's parcel of the same id;
/// a new one is inserted (`ParcelWriter`), a changed one recorded (`LedgerUpdate`), an unchanged one left alone.
/// The ids seen are kept in a temporary table, which finds an id given twice in the file and, at the end, the
/// parcels the file no longer holds — without holding the file's ids in memory.
struct UpdateWriter {
    enum Result {
        case added(Int64)
        case changed
        case unchanged
    }

    let access: GeoPackageAccess
    let file: String
    let options: ImportOptions
    private var insert: ParcelWriter
    private let see: Statement
    private let firstSeen: Statement

    static let seen = "temp.landbank_import_seen"

    init(access: GeoPackageAccess, file: String, options: ImportOptions, insert: ParcelWriter?) throws {
        guard let insert else { preconditionFailure("an update is of parcels, written by a ParcelWriter") }
        self.insert = insert
        self.access = access
        self.file = file
        self.options = options
        let db = access.db
        try db.execute(sql: """
            DROP TABLE IF EXISTS \(Self.seen);
            CREATE TABLE \(Self.seen) (parcel_id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
            """)
        see = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(Self.seen) (parcel_id, position) VALUES (?, ?)")
        firstSeen = try db.makeStatement(sql: "SELECT position FROM \(Self.seen) WHERE parcel_id = ?")
    }

    /// Notes an id as given by the file (a rejected feature's too, so that its parcel is not called missing);
    /// the position where it was first given when it was already.
    func saw(_ id: String, index: Int) throws -> Int? {
        try see.execute(arguments: [id, index + 1])
        if access.db.changesCount > 0 { return nil }
        return try Int.fetchOne(firstSeen, arguments: [id])
    }

    mutating func write(_ row: ImportPipeline.Row, run: ImportRun) throws -> Result {
        guard case .parcel(let a) = row.attributes else { preconditionFailure("update given a building") }
        func refuse(_ r: ImportError.Reason, rule: ImportIssue.Rule? = nil) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: a.parcelID, reason: r)
            e.rule = rule
            return e
        }
        if let first = try saw(a.parcelID, index: row.index) {
            throw refuse(.duplicateID(a.parcelID, firstPosition: "feature \(first)"))
        }
        guard let (stored, digest) = try access.parcelRecord(id: a.parcelID) else {
            let fid = try insert.write(row)
            options.onChange?(ParcelChange(kind: .added, parcelID: a.parcelID, position: row.index + 1, fields: [], detail: ""))
            return .added(fid)
        }
        let update = LedgerUpdate(stored: stored, digest: digest, new: a, output: row.output)
        if update.isEmpty { return .unchanged }
        do {
            try update.apply(to: stored, a, row.output, file: file, options: options, in: access)
        } catch let e as LifecycleError {
            throw refuse(.badAttribute("the ledger's status cannot be recorded: \(e.reason)"), rule: .statusChange)
        }
        let detail = update.details.joined(separator: "; ")
        var notes = [ImportIssue(position: row.index + 1, featureID: a.parcelID, field: update.fields.joined(separator: ","),
                                 rule: .changed, value: detail, action: .updated, message: "changed: \(detail)")]
        if let d = update.disposalOnly {
            notes.append(ImportIssue(position: row.index + 1, featureID: a.parcelID, field: "disposal_method", rule: .statusChange,
                                     value: d.to.rawValue, action: .flagged,
                                     message: "disposal method \(d.from?.rawValue ?? "none") → \(d.to.rawValue) under the same status is not recorded; use `landbank correct`"))
        }
        run.note(notes)
        options.onChange?(ParcelChange(kind: .changed, parcelID: a.parcelID, position: row.index + 1, fields: update.fields, detail: detail))
        return .changed
    }

    /// The registry's parcels the file did not give, by id: flagged, never deleted.
    func listMissing(_ run: ImportRun) throws {
        let cursor = try String.fetchCursor(access.db, sql: """
            SELECT parcel_id FROM parcels WHERE parcel_id NOT IN (SELECT parcel_id FROM \(Self.seen)) ORDER BY parcel_id
            """)
        while let id = try cursor.next() {
            run.missing += 1
            run.note([ImportIssue(position: nil, featureID: id, rule: .missingFromFile, action: .flagged,
                                  message: "in the registry but not in \(file); kept (an update never deletes)")])
            options.onChange?(ParcelChange(kind: .missing, parcelID: id, position: nil, fields: [], detail: ""))
        }
    }

    func finish() throws {
        try access.db.execute(sql: "DROP TABLE IF EXISTS \(Self.seen)")
    }
}

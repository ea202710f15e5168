import GRDB
import LandbankLifecycle

/// An event row of the GeoPackage, decoded in this one place.
extension HistoryEvent {
    static let columns = "id, subject, subject_id, event_date, kind, status, disposal_method, legal_basis, amount_fen, recorded_by, note, corrects, recorded_at"

    init(row: Row) {
        id = row["id"]
        // Force unwraps: the table's CHECK constraints admit only these kinds and the date's shape, and the
        // append-only triggers keep every stored row as landbank wrote it.
        subject = Subject(Subject.Kind(rawValue: row["subject"])!, row["subject_id"])
        // The CHECK constraint guarantees the date's shape; a stored row is our own data.
        date = CivilDate(row["event_date"] as String)!
        kind = EventKind(rawValue: row["kind"])!
        status = (row["status"] as String?).flatMap(ParcelStatus.init(rawValue:))
        disposalMethod = (row["disposal_method"] as String?).flatMap(DisposalMethod.init(rawValue:))
        legalBasis = row["legal_basis"]
        amount = (row["amount_fen"] as Int64?).map(Money.init(fen:))
        recordedBy = row["recorded_by"]
        note = row["note"]
        corrects = row["corrects"]
        recordedAt = row["recorded_at"]
    }
}

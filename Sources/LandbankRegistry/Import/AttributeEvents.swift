import LandbankLifecycle

/// A re-delivered ledger's changes to a record's descriptive fields (name, zone, land use, a building's figures,
/// a property), each kept in the record's history as an `attributes` event: the field, old → new, and the file.
enum AttributeEvents {
    /// The event kind, looked up by name: `EventKind.attributes` and the migration that lets the registry's
    /// `events` table hold it come from outside the import's files. Until both are there (nil), the changes are
    /// named in the notes of the update's status or geometry events and in the import log only.
    static let kind = EventKind(rawValue: "attributes")

    /// One event per field, dated like the import's other events (`options.statusDate`).
    static func record(_ changes: [FieldChange], of subject: Subject, file: String, options: ImportOptions,
                       in w: any StoreWriter) throws {
        guard let kind else { return }
        for c in changes {
            _ = try Registry.append(NewEvent(subject: subject, date: options.statusDate, recordedBy: options.recordedBy,
                                             note: "\(c.detail) (ledger re-delivered in \(file))"),
                                    kind: kind, in: w)
        }
    }
}

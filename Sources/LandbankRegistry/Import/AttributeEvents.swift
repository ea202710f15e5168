import LandbankLifecycle

/// A re-delivered ledger's changes to a record's descriptive fields (name, zone, land use, a building's figures,
/// a property), each kept in the record's history as an `attributes` event: the field, old → new, and the file.
enum AttributeEvents {
    /// The event kind (GeoPackage migration 13, PostgreSQL migration 3 let `events` hold it).
    static let kind = EventKind.attributes

    /// One event per field, dated like the import's other events (`options.statusDate`).
    static func record(_ changes: [FieldChange], of subject: Subject, file: String, options: ImportOptions,
                       in w: any StoreWriter) throws {
        for c in changes {
            _ = try Registry.append(NewEvent(subject: subject, date: options.statusDate, recordedBy: options.recordedBy,
                                             note: "\(c.detail) (ledger re-delivered in \(file))"),
                                    kind: kind, in: w)
        }
    }
}

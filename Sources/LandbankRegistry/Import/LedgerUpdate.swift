import LandbankGeometry
import LandbankLifecycle

/// `import --update`: what a re-delivered ledger's feature changes in a parcel or building already in the
/// registry, and the recording of it. A new status is a `status` event (the lifecycle's rules apply); a new
/// geometry goes through the geometry replacement (`Registry.replaceStoredGeometry`: a `geometry` event, the old
/// shape kept, areas measured again); each other changed field (name, zone, land use, a building's figures, each
/// property) is set and recorded as an `attributes` event of its own (`AttributeEvents`), and all of them are
/// noted in the import log. A field the file leaves empty where the registry has a status is not a change (a
/// ledger without a status column keeps the registry's statuses). Nothing changed, nothing written: the same file
/// twice changes nothing the second time.
struct LedgerUpdate {
    let subject: Subject
    /// The descriptive fields that changed, in column order, then the properties by key.
    var attributes: [FieldChange] = []
    var newStatus: ParcelStatus?
    var statusDetail: String?
    /// A disposal method that differs under the same status: the lifecycle has no event for it.
    var disposalOnly: (from: DisposalMethod?, to: DisposalMethod)?
    /// The area change, when the geometry changed.
    var geometryDetail: String?

    init(_ subject: Subject, attributes: [FieldChange], properties: [FieldChange],
         stored: (status: ParcelStatus?, method: DisposalMethod?), given: (status: ParcelStatus?, method: DisposalMethod?),
         storedDigest: String?, storedArea: Double?, output: FeatureProcessor.Output) {
        self.subject = subject
        self.attributes = attributes
        if let s = given.status, s != stored.status {
            statusDetail = "status \(stored.status?.rawValue ?? "none") → \(s.rawValue)"
            newStatus = s
        } else if given.status != nil, let m = given.method, m != stored.method {
            disposalOnly = (stored.method, m)
        }
        self.attributes += properties
        if storedDigest != output.digest {
            geometryDetail = Registry.areaChange(subject.kind, before: storedArea, output)
        }
    }

    var isEmpty: Bool { fields.isEmpty }

    /// The changed fields' names, in the order the log lists them.
    var fields: [String] {
        var f = attributes.filter { !$0.field.hasPrefix("properties") }.map(\.field)
        if statusDetail != nil { f.append("status") }
        if disposalOnly != nil { f.append("disposal_method") }
        f += attributes.filter { $0.field.hasPrefix("properties") }.map(\.field)
        if geometryDetail != nil { f.append("geometry") }
        return f
    }

    /// One text per changed field, in the order of `fields`.
    var details: [String] {
        var d = attributes.filter { !$0.field.hasPrefix("properties") }.map(\.detail)
        if let statusDetail { d.append(statusDetail) }
        if let (from, to) = disposalOnly { d.append("disposal_method \(from?.rawValue ?? "none") → \(to.rawValue)") }
        d += attributes.filter { $0.field.hasPrefix("properties") }.map(\.detail)
        if let geometryDetail { d.append(geometryDetail) }
        return d
    }

    /// Records the changes inside the caller's write transaction; `setAttributes` writes the new descriptive
    /// columns (the store's own write for the layer). A status the lifecycle refuses throws its `LifecycleError`
    /// before anything of this record is written.
    func apply(_ output: FeatureProcessor.Output, statusDate: CivilDate?, disposalMethod: DisposalMethod?,
               file: String, options: ImportOptions, in w: any StoreWriter, setAttributes: () throws -> Void) throws {
        // A status or geometry event names the update's other changes too, so that each reads whole on its own.
        let note = notes("ledger re-delivered in \(file)", but: "geometry")
        if let s = newStatus {
            _ = try Registry.append(NewEvent(subject: subject, date: statusDate ?? options.statusDate, status: s,
                                             disposalMethod: disposalMethod, recordedBy: options.recordedBy,
                                             note: note),
                                    kind: .status, in: w)
        }
        if geometryDetail != nil {
            guard let old = try w.geometryRecord(of: subject) else {
                throw LifecycleError(subject, "no such \(subject.kind.rawValue) in the registry", notFound: true)
            }
            // The geometry event adds the area change itself.
            _ = try Registry.replaceStoredGeometry(of: subject, old: old, with: output, date: options.statusDate,
                                                   recordedBy: options.recordedBy,
                                                   note: note, in: w)
        }
        if !attributes.isEmpty {
            try setAttributes()
            try AttributeEvents.record(attributes, of: subject, file: file, options: options, in: w)
        }
    }

    /// The note naming every change but `field`.
    private func notes(_ note: String, but field: String) -> String {
        let others = zip(fields, details).filter { $0.0 != field }.map(\.1)
        return note + (others.isEmpty ? "" : ": " + others.joined(separator: "; "))
    }
}

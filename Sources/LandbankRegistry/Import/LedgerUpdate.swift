import LandbankGeometry
import LandbankLifecycle

/// `import --update`: what a re-delivered ledger's feature changes in a parcel already in the registry, and the
/// recording of it. A new status is a `status` event (the lifecycle's rules apply); a new geometry goes through
/// the geometry replacement (`Registry.replaceStoredGeometry`: a `geometry` event, the old shape kept, areas
/// measured again); name, zone, land use and other properties are set, the change noted in those events and in
/// the import log. A field the file leaves empty is not a change (a ledger without a status column keeps the
/// registry's statuses). Nothing changed, nothing written: the same file twice changes nothing the second time.
struct LedgerUpdate {
    var fields: [String] = []
    var details: [String] = []
    var newStatus: ParcelStatus?
    var newGeometry = false
    var newAttributes = false
    /// A disposal method that differs under the same status: the lifecycle has no event for it.
    var disposalOnly: (from: DisposalMethod?, to: DisposalMethod)?

    var isEmpty: Bool { fields.isEmpty }

    init(stored p: Parcel, digest: String?, new a: ParcelAttributes, output: FeatureProcessor.Output) {
        func text(_ field: String, _ old: String?, _ new: String?) {
            guard old != new else { return }
            fields.append(field)
            details.append("\(field) \(Self.shown(old)) → \(Self.shown(new))")
            newAttributes = true
        }
        text("name", p.name, a.name)
        text("zone", p.zone, a.zone)
        text("land_use", p.landUse, a.landUse)
        if let s = a.status, s != p.status {
            fields.append("status")
            details.append("status \(p.status?.rawValue ?? "none") → \(s.rawValue)")
            newStatus = s
        } else if a.status != nil, let m = a.disposalMethod, m != p.disposalMethod {
            fields.append("disposal_method")
            details.append("disposal_method \(p.disposalMethod?.rawValue ?? "none") → \(m.rawValue)")
            disposalOnly = (p.disposalMethod, m)
        }
        if p.properties != a.otherProperties {
            fields.append("properties")
            details.append("properties changed")
            newAttributes = true
        }
        if digest != output.digest {
            fields.append("geometry")
            details.append(Registry.areaChange(.parcel, before: p.cadastralAreaM2 ?? p.ellipsoidalAreaM2, output))
            newGeometry = true
        }
    }

    /// Records the changes inside the caller's write transaction. A status the lifecycle refuses throws its
    /// `LifecycleError` before anything of this parcel is written.
    func apply(to p: Parcel, _ a: ParcelAttributes, _ output: FeatureProcessor.Output, file: String,
               options: ImportOptions, in w: any StoreWriter) throws {
        let subject = Subject(.parcel, p.parcelID)
        // The geometry event adds the area change itself.
        let others = zip(fields, details).filter { $0.0 != "geometry" }.map(\.1)
        let note = "ledger re-delivered in \(file)" + (others.isEmpty ? "" : ": " + others.joined(separator: "; "))
        if let s = newStatus {
            _ = try Registry.append(NewEvent(subject: subject, date: a.declaredStatusDate ?? options.statusDate, status: s,
                                             disposalMethod: a.disposalMethod ?? p.disposalMethod,
                                             recordedBy: options.recordedBy, note: note), kind: .status, in: w)
        }
        if newGeometry {
            guard let old = try w.geometryRecord(of: subject) else {
                throw LifecycleError(subject, "no such parcel in the registry", notFound: true)
            }
            _ = try Registry.replaceStoredGeometry(of: subject, old: old, with: output, date: options.statusDate,
                                                   recordedBy: options.recordedBy, note: note, in: w)
        }
        if newAttributes {
            try w.setParcelAttributes(id: p.parcelID, name: a.name, zone: a.zone, landUse: a.landUse, properties: a.otherProperties)
        }
    }

    static func shown(_ s: String?) -> String { s.map { DisplayText.quoted($0, limit: 40) } ?? "none" }
}

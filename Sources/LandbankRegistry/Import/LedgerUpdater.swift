import LandbankLifecycle

/// `import --update`, store-agnostic: each feature is matched to the stored parcel or building of the same id;
/// a new one is inserted (by the store's `FeatureWriter`), a changed one recorded (`LedgerUpdate`), an unchanged
/// one left alone; at the end, the records the file no longer holds are listed, never deleted. The store supplies
/// only `LedgerMatch` and its `StoreWriter`.
struct LedgerUpdater {
    enum Result {
        case added(Int64)
        case changed
        case unchanged
    }

    let layer: Layer
    let match: any LedgerMatch
    let store: any StoreWriter
    let file: String
    let options: ImportOptions

    /// Notes an id as given by the file; the 1-based position where it was first given when it already was.
    func saw(_ id: String, index: Int) throws -> Int? {
        try match.see(id, position: index + 1)
    }

    /// Matches one good row; `insert` writes a new record and returns its fid.
    func write(_ row: ImportPipeline.Row, run: ImportRun, insert: () throws -> Int64) throws -> Result {
        let id = row.attributes.id
        func refuse(_ r: ImportError.Reason, rule: ImportIssue.Rule? = nil) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: id, reason: r)
            e.rule = rule
            return e
        }
        if let first = try saw(id, index: row.index) {
            throw refuse(.duplicateID(id, firstPosition: "feature \(first)"))
        }
        let update: LedgerUpdate
        let statusDate: CivilDate?, method: DisposalMethod?
        switch row.attributes {
        case .parcel(let a):
            guard let (stored, digest) = try store.parcelRecord(id: id) else { return try added(row, run, insert) }
            update = LedgerUpdate(stored: stored, digest: digest, new: a, output: row.output)
            (statusDate, method) = (a.declaredStatusDate, a.disposalMethod ?? stored.disposalMethod)
        case .building(let b):
            guard let (stored, digest) = try match.buildingRecord(id: id) else { return try added(row, run, insert) }
            update = LedgerUpdate(stored: stored, digest: digest, new: b, output: row.output)
            (statusDate, method) = (b.statusDate, b.disposalMethod ?? stored.disposalMethod)
            if update.movesFootprint { try match.checkStandsOnParcel(row) }
        }
        if update.isEmpty { return .unchanged }
        do {
            try update.apply(row.output, statusDate: statusDate, disposalMethod: method, file: file, options: options, in: store) {
                switch row.attributes {
                case .parcel(let a):
                    try store.setParcelAttributes(id: id, name: a.name, zone: a.zone, landUse: a.landUse, properties: a.otherProperties)
                case .building(let b):
                    try match.setBuildingAttributes(b)
                }
            }
        } catch let e as LifecycleError {
            throw refuse(.badAttribute("the ledger's status cannot be recorded: \(e.reason)"), rule: .statusChange)
        }
        let detail = update.details.joined(separator: "; ")
        let position = row.index + 1
        var notes = [ImportIssue(position: position, featureID: id, field: update.fields.joined(separator: ","),
                                 rule: .changed, value: detail, action: .updated, message: "changed: \(detail)")]
        if let d = update.disposalOnly {
            notes.append(ImportIssue(position: position, featureID: id, field: "disposal_method", rule: .statusChange,
                                     value: d.to.rawValue, action: .flagged,
                                     message: "disposal method \(d.from?.rawValue ?? "none") → \(d.to.rawValue) under the same status is not recorded; use `landbank correct`"))
        }
        run.note(notes)
        options.onChange?(ParcelChange(kind: .changed, parcelID: id, position: position, fields: update.fields, detail: detail))
        return .changed
    }

    private func added(_ row: ImportPipeline.Row, _ run: ImportRun, _ insert: () throws -> Int64) throws -> Result {
        let fid = try insert()
        options.onChange?(ParcelChange(kind: .added, parcelID: row.attributes.id, position: row.index + 1, fields: [], detail: ""))
        return .added(fid)
    }

    /// The registry's records the file did not give, by id: flagged, never deleted.
    func listMissing(_ run: ImportRun) throws {
        let what = layer == .parcels ? "parcel" : "building"
        try match.forEachUnseen { id in
            run.missing += 1
            run.note([ImportIssue(position: nil, featureID: id, rule: .missingFromFile, action: .flagged,
                                  message: "\(what) in the registry but not in \(file); kept (an update never deletes)")])
            options.onChange?(ParcelChange(kind: .missing, parcelID: id, position: nil, fields: [], detail: ""))
        }
    }
}

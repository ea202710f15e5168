import LandbankLifecycle

extension Registry {
    /// Changes a project's record or agreement (promised figures, deadlines, investor, team…): never in place
    /// alone, always with an `amendment` event in its hash-chained history naming each changed field with its
    /// old and new value, the date, who and why. One transaction; nothing changed is refused.
    @discardableResult
    public func amendProject(_ p: Project, on date: CivilDate, by recordedBy: String, why: String) throws -> ProjectEvent {
        try Self.checkRecord(p, path: path)
        return try store.write { w in
            guard let before = try w.projects(id: p.id).first else { throw ProjectError(p.id, "no such project in the registry", .notFound) }
            guard let e = try Self.amend(before, to: p, on: date, by: recordedBy, why: why, in: w) else {
                throw ProjectError(p.id, "nothing to change: the registry already holds these values", .invalidInput)
            }
            return e
        }
    }

    /// Inside the caller's transaction: replaces the record and appends the amendment event listing what
    /// changed; nil (and nothing written) when nothing did. A project with no history yet has nowhere to keep
    /// the old values, so its record cannot change until it has a stage.
    static func amend(_ before: Project, to p: Project, on date: CivilDate, by recordedBy: String, why: String,
                      in w: any StoreWriter) throws -> ProjectEvent? {
        let changes = ProjectChanges.between(before, p)
        guard !changes.isEmpty else { return nil }
        guard !recordedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw ProjectError(p.id, "say who records the change", .invalidInput) }
        guard !why.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProjectError(p.id, "say why it changes (a note): its history keeps the old values and the reason", .invalidInput)
        }
        guard let stage = before.stage else {
            throw ProjectError(p.id, "has no history yet, so the old values of \(changes.map(\.field).joined(separator: ", ")) could not be kept: record its stage first")
        }
        try w.putProject(p.with(stage: nil))
        var e = NewProjectEvent(projectID: p.id, date: date, stage: stage, recordedBy: recordedBy, note: why)
        e.kind = .amendment
        e.changes = changes
        return try w.appendProjectEvent(e)
    }
}

/// The fields of a project record that differ between two versions, named as the import columns name them,
/// values as text (amounts in yuan to the fen, dates, counts).
enum ProjectChanges {
    static func between(_ a: Project, _ b: Project) -> [ProjectChange] {
        zip(fields(a), fields(b)).compactMap { old, new in
            old.1 == new.1 ? nil : ProjectChange(field: old.0, old: old.1, new: new.1)
        }
    }

    static func fields(_ p: Project) -> [(String, String?)] {
        let a = p.agreement
        return [("name", p.name), ("investor", p.investor), ("industry", p.industry), ("team", p.team), ("zone", p.zone),
                ("demand", p.demandJSON), ("cause", p.cause?.rawValue), ("strategic_emerging", p.strategicEmerging.map { $0 ? "true" : "false" }),
                ("investor_class", p.investorClass?.rawValue),
                ("investment_yuan", a.investment?.yuanText), ("output_yuan", a.annualOutput?.yuanText),
                ("tax_yuan", a.annualTax?.yuanText), ("jobs", a.jobs.map(String.init)), ("floor_space_m2", a.floorSpaceM2.map { "\($0)" }),
                ("tenants", a.tenants.map(String.init)), ("sign_by", a.signBy?.description), ("land_by", a.landBy?.description),
                ("start_by", a.startBy?.description), ("production_by", a.productionBy?.description),
                ("figures_by", a.figuresBy?.description)]
    }
}

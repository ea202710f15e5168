import LandbankLifecycle

extension Registry {
    /// Stages at which a project may be given a site: decided or later, and not ended.
    static let siteStages: Set<ProjectStage> = [.decided, .signed, .building, .producing]

    /// Assigns parcels and buildings to a project in one transaction, recorded in both histories: each parcel and
    /// building becomes `assigned` through the lifecycle's rules (`append`: the status change must be allowed, and
    /// no supply contract may be in force), a building's vacant floor space shrinks by what the project takes
    /// (`floorSpaceM2`, default all of it), and the project's history gains a site event naming them. Any refusal
    /// writes nothing. With `expectedVersion`, the project must still be at that version (`VersionConflict` if not),
    /// checked in the same transaction.
    @discardableResult
    public func assignSites(project id: String, parcels: [String], buildings: [String], floorSpaceM2: Double? = nil,
                            on date: CivilDate, by recordedBy: String, note: String? = nil,
                            expectedVersion: Int64? = nil) throws -> ProjectEvent {
        guard !parcels.isEmpty || !buildings.isEmpty else {
            throw ProjectError(id, "name the parcels or buildings to assign", .invalidInput)
        }
        if let m2 = floorSpaceM2, !(m2 > 0 && m2.isFinite) { throw ProjectError(id, "the floor space taken must be a positive number of m²", .invalidInput) }
        return try store.write { w in
            if let expectedVersion { try Self.requireProject(id, at: expectedVersion, in: w) }
            guard let p = try w.projects(id: id).first else { throw ProjectError(id, "no such project in the registry", .notFound) }
            guard let stage = p.stage, Self.siteStages.contains(stage) else {
                throw ProjectError(id, "is at stage \(p.stage?.rawValue ?? "none"); a site is assigned once the project is decided or signed, before it ends")
            }
            let why = "assigned to project \(p.id) \(p.name)" + (note.map { ": \($0)" } ?? "")
            for parcel in parcels {
                _ = try Self.append(NewEvent(subject: Subject(.parcel, parcel), date: date, status: .assigned, recordedBy: recordedBy,
                                             note: why), kind: .status, in: w)
            }
            for b in buildings {
                guard let building = try w.building(id: b) else {
                    throw LifecycleError(Subject(.building, b), "no such building in the registry", notFound: true)
                }
                let vacant = building.vacantFloorAreaM2 ?? building.floorAreaM2
                let taken = floorSpaceM2 ?? vacant
                guard taken <= vacant + 1e-9 else {
                    throw LifecycleError(Subject(.building, b), "has \(vacant) m² vacant; the project cannot take \(taken) m²")
                }
                _ = try Self.append(NewEvent(subject: Subject(.building, b), date: date, status: .assigned, recordedBy: recordedBy,
                                             note: why + " (\(taken) m²)"), kind: .status, in: w)
                try w.setVacantFloorArea(buildingID: b, max(0, vacant - taken))
            }
            var e = NewProjectEvent(projectID: id, date: date, stage: stage, recordedBy: recordedBy, note: note)
            e.kind = .site
            e.sites = parcels.map { "parcel:\($0)" } + buildings.map { "building:\($0)" }
            return try Self.appendStage(e, in: w)
        }
    }
}

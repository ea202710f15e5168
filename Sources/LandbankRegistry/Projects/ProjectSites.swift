import Foundation
import LandbankLifecycle

/// One project's share of a joint assignment (`match --batch` accepted): the sites it is given.
public struct SiteAssignment: Sendable, Equatable {
    /// The project's id, or the id of the demand recorded on a project (what `match --batch` calls `demand`).
    public var project: String
    public var parcels: [String]
    public var buildings: [String]
    /// Floor space the project takes in each building, m²; nil takes all that is vacant.
    public var floorSpaceM2: Double?

    public init(project: String, parcels: [String] = [], buildings: [String] = [], floorSpaceM2: Double? = nil) {
        self.project = project
        self.parcels = parcels
        self.buildings = buildings
        self.floorSpaceM2 = floorSpaceM2
    }
}

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
        let a = SiteAssignment(project: id, parcels: parcels, buildings: buildings, floorSpaceM2: floorSpaceM2)
        try Self.check(a)
        return try store.write { w in
            if let expectedVersion { try Self.requireProject(id, at: expectedVersion, in: w) }
            return try Self.assign(a, to: id, on: date, by: recordedBy, note: note, in: w)
        }
    }

    /// Accepts a joint assignment (`match --batch`): every project's sites, all in one transaction or none. Each
    /// assignment names its project by id or by the id of the demand recorded on it; a site named twice, a
    /// project named twice, a site no longer available or a project not yet decided refuses the whole batch, the
    /// error naming the project and the site. The events come back in the order of `batch`.
    @discardableResult
    public func assignSites(_ batch: [SiteAssignment], on date: CivilDate, by recordedBy: String,
                            note: String? = nil) throws -> [ProjectEvent] {
        guard !batch.isEmpty else { throw RegistryError(path: path, kind: .invalidArgument, "the batch assigns nothing") }
        var seenSites: [String: String] = [:]
        for a in batch {
            try Self.check(a)
            for site in a.parcels.map({ "parcel \($0)" }) + a.buildings.map({ "building \($0)" }) {
                if let other = seenSites.updateValue(a.project, forKey: site) {
                    throw ProjectError(a.project, "\(site) is also assigned to \(other) in this batch; a site goes to one project", .invalidInput)
                }
            }
        }
        return try store.write { w in
            let projects = try w.projects(id: nil)
            let byID = Set(projects.map(\.id))
            var byDemand: [String: [String]] = [:]
            for p in projects {
                if let id = Self.demandID(p.demandJSON) { byDemand[id, default: []].append(p.id) }
            }
            var done: Set<String> = []
            return try batch.map { a in
                let id: String
                if byID.contains(a.project) {
                    id = a.project
                } else if let owners = byDemand[a.project] {
                    guard owners.count == 1 else {
                        throw ProjectError(a.project, "is the demand of projects \(owners.sorted().joined(separator: ", ")); name the project instead", .invalidInput)
                    }
                    id = owners[0]
                } else {
                    throw ProjectError(a.project, "is neither a project nor the demand of one in the registry", .notFound)
                }
                guard done.insert(id).inserted else {
                    throw ProjectError(id, "is assigned twice in this batch", .invalidInput)
                }
                return try Self.assign(a, to: id, on: date, by: recordedBy, note: note, in: w)
            }
        }
    }

    /// The `id` of a recorded demand (a JSON object), if it has one.
    static func demandID(_ json: String?) -> String? {
        guard let json, let o = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return o["id"] as? String
    }

    /// What an assignment must say before any transaction: some site, and a positive floor space if any.
    static func check(_ a: SiteAssignment) throws {
        guard !a.parcels.isEmpty || !a.buildings.isEmpty else {
            throw ProjectError(a.project, "name the parcels or buildings to assign", .invalidInput)
        }
        if let m2 = a.floorSpaceM2, !(m2 > 0 && m2.isFinite) {
            throw ProjectError(a.project, "the floor space taken must be a positive number of m²", .invalidInput)
        }
    }

    /// One project's sites, inside the caller's transaction (see `assignSites`).
    static func assign(_ a: SiteAssignment, to id: String, on date: CivilDate, by recordedBy: String, note: String?,
                       in w: any StoreWriter) throws -> ProjectEvent {
        guard let p = try w.projects(id: id).first else { throw ProjectError(id, "no such project in the registry", .notFound) }
        guard let stage = p.stage, siteStages.contains(stage) else {
            throw ProjectError(id, "is at stage \(p.stage?.rawValue ?? "none"); a site is assigned once the project is decided or signed, before it ends")
        }
        let why = "assigned to project \(p.id) \(p.name)" + (note.map { ": \($0)" } ?? "")
        for parcel in a.parcels {
            _ = try append(NewEvent(subject: Subject(.parcel, parcel), date: date, status: .assigned, recordedBy: recordedBy,
                                    note: why), kind: .status, in: w)
        }
        for b in a.buildings {
            guard let building = try w.building(id: b) else {
                throw LifecycleError(Subject(.building, b), "no such building in the registry", notFound: true)
            }
            let vacant = building.vacantFloorAreaM2 ?? building.floorAreaM2
            let taken = a.floorSpaceM2 ?? vacant
            guard taken <= vacant + 1e-9 else {
                throw LifecycleError(Subject(.building, b), "has \(vacant) m² vacant; the project cannot take \(taken) m²")
            }
            _ = try append(NewEvent(subject: Subject(.building, b), date: date, status: .assigned, recordedBy: recordedBy,
                                    note: why + " (\(taken) m²)"), kind: .status, in: w)
            try w.setVacantFloorArea(buildingID: b, max(0, vacant - taken))
        }
        var e = NewProjectEvent(projectID: id, date: date, stage: stage, recordedBy: recordedBy, note: note)
        e.kind = .site
        e.sites = a.parcels.map { "parcel:\($0)" } + a.buildings.map { "building:\($0)" }
        return try appendStage(e, in: w)
    }
}

import Foundation
import LandbankLifecycle

/// What `Registry.copy` copied.
public struct CopySummary: Sendable, Encodable {
    public var parcels = 0
    public var buildings = 0
    public var events = 0
    public var keptGeometries = 0
    public var contracts = 0
    public var zonePolicies = 0
    public var projects = 0
    public var projectEvents = 0
    public var tokens = 0
    public var imports = 0
}

extension Registry {
    /// Copies the whole registry at `source` into a new one at `target`, in either direction between a
    /// GeoPackage file and a PostgreSQL database: every feature as stored (areas and digests as landbank measured
    /// them, never measured again), the history with its ids and hashes, kept geometries, contracts, policies,
    /// projects with their history, actuals and incentives, API tokens (digests) and the import log.
    ///
    /// All or nothing: the target must not exist yet (a new file, or a database without a registry); everything
    /// is read from one snapshot of the source and written in one transaction of the target, and on any failure
    /// the new target is removed again. Each hash is recomputed by the target as it writes, and a hash that differs
    /// from the source's stops the copy (the source's history was changed outside landbank: `verify` says where).
    public static func copy(from source: String, to target: String) throws -> CopySummary {
        let from = try open(at: source, readOnly: true)
        let to = try create(at: target, crs: from.store.crsDefinition)
        do {
            return try from.store.mapped {
                try from.store.read { r in
                    try to.store.mapped { try to.store.write { w in try copyAll(r, into: w, source: from.path) } }
                }
            }
        } catch {
            discard(to, at: target)
            throw error
        }
    }

    private static func copyAll(_ r: any StoreReader, into w: any StoreWriter, source: String) throws -> CopySummary {
        var s = CopySummary()
        func differs(_ what: String) -> RegistryError {
            RegistryError(path: source, kind: .damaged,
                          "\(what) does not match its hash (changed outside landbank); nothing was copied: run `landbank verify` on it")
        }
        try r.forEachFeatureRecord(.parcels) { try w.insertFeatureRecord($0); s.parcels += 1 }
        try r.forEachFeatureRecord(.buildings) { try w.insertFeatureRecord($0); s.buildings += 1 }
        try r.forEachEventRecord { e, hash in
            if try w.insertEventRecord(e) != hash { throw differs("event #\(e.id)") }
            s.events += 1
        }
        try r.forEachKeptGeometry { g in
            if try w.insertKeptGeometry(g) != g.hash { throw differs("kept geometry #\(g.id)") }
            s.keptGeometries += 1
        }
        for c in try r.contracts(parcelID: nil) { try w.putContract(c); s.contracts += 1 }
        for p in try r.zonePolicyRecords() {
            try w.putZonePolicy(zone: p.zone, json: p.json, at: p.updatedAt, by: p.updatedBy)
            s.zonePolicies += 1
        }
        for p in try r.projects(id: nil) {
            try w.putProject(p)
            try w.setProjectStage(p.id, p.stage)
            s.projects += 1
        }
        for (e, hash) in try r.projectEventRecords() {
            if try w.insertProjectEventRecord(e) != hash { throw differs("project event #\(e.id)") }
            s.projectEvents += 1
        }
        for a in try r.projectActuals(of: nil) { try w.putProjectActual(a) }
        for i in try r.projectIncentives(of: nil) { _ = try w.addProjectIncentive(i) }
        for t in try r.apiTokens() { try w.putToken(t); s.tokens += 1 }
        // Enterprise figures and approval batches keep no record of who imported them in their values: the copy
        // records itself as their source. Disposal plans keep theirs.
        let now = HistoryChain.now()
        let figures = Dictionary(grouping: try r.enterpriseFigures(year: nil)) { "\($0.year)\u{0}\($0.enterpriseID)" }
        for rows in figures.values.sorted(by: { ($0[0].year, $0[0].enterpriseID) < ($1[0].year, $1[0].enterpriseID) }) {
            _ = try w.replaceEnterpriseFigures(year: rows[0].year, enterpriseID: rows[0].enterpriseID, rows: rows,
                                               recordedBy: "landbank copy", at: now)
        }
        for b in try r.approvalBatches() { try w.putApprovalBatch(b, recordedBy: "landbank copy", at: now) }
        for p in try r.inefficiencyPlans() { try w.addInefficiencyPlan(p) }
        var issues: [Int64: [ImportIssue]] = [:]
        try r.forEachImportIssue(importID: nil) { id, issue in issues[id, default: []].append(issue) }
        for record in try r.importRecords(id: nil).reversed() {
            try w.insertImportRecord(record, issues: issues[record.id] ?? [])
            s.imports += 1
        }
        return s
    }

    /// Removes a target that `copy` created and could not fill.
    private static func discard(_ registry: Registry, at target: String) {
        if PGURL.isPostgres(target) {
            try? PostGISStore.drop(at: target)
        } else {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        }
    }

    /// How to name the registry at `location` in messages: a PostgreSQL URL with its password replaced by `***`.
    public static func displayName(_ location: String) -> String {
        PGURL.isPostgres(location) ? PGURL(location).redacted : location
    }

    /// `text` with the registry's location as `displayName` says it and its password (if any) removed.
    public static func redacting(_ text: String, registry location: String) -> String {
        guard PGURL.isPostgres(location) else { return text }
        let url = PGURL(location)
        return url.scrub(text.replacingOccurrences(of: location, with: url.redacted))
    }
}

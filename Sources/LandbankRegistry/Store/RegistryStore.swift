import LandbankGeometry
import LandbankLifecycle

/// The seam between landbank's rules and where the registry is kept.
///
/// `Registry` (store-agnostic) holds the domain rules: which status changes the lifecycle allows, that a
/// recovery ends the contracts in force, that a subject's status is derived from its corrected history, how
/// stats and reports are summed and rounded, the occupancy targets, the idle-land rules, neighbours. A store
/// keeps records and answers primitive reads and writes inside transactions; it decides nothing.
///
/// What a store must provide (the GeoPackage store in `GeoPackage/` is the one implementation today):
/// - `read`/`write`: a consistent snapshot, and one all-or-nothing transaction that readers never wait for;
/// - the history as an append-only, hash-chained log (`StoreWriter.appendEvent`), enforced in the store itself
///   so that other programs cannot rewrite it;
/// - areas stored as measured by landbank (never recomputed by the store);
/// - bulk import of a feature stream and a stream of features for export;
/// - site search through its indexes (attribute B-trees, a spatial index with window and nearest-k search);
/// - its own integrity check (`verify`) and repair of edits made outside landbank.
///
/// The protocols are internal: a second store (PostGIS) lives in this module beside `GeoPackage/`.
///
/// Thread rule: a store is shared by every task of the process; each `read` and `write` gets its own
/// connection (or snapshot), so the reader/writer values passed to the bodies must not leave them.
protocol RegistryStore: AnyObject, Sendable {
    /// Where the registry lives, as the user named it (a file path).
    var location: String { get }
    /// The registry CRS as it was created (e.g. "EPSG:4547").
    var crsDefinition: String { get }
    /// The spatial reference id that the store's geometry blobs carry.
    var srsID: Int32 { get }
    /// What opening for writing did about edits made outside landbank (nil when there were none).
    var outsideEdits: OutsideEditReport? { get }

    /// Runs `body` on one consistent snapshot; it never waits for a writer.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Runs `body` in one write transaction: all of it is kept, or none of it.
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T

    /// Imports every feature of `source` into `layer` in one transaction: all features or none.
    func importFeatures(_ source: FeatureSource, into layer: Layer, options: ImportOptions,
                        progress: ((Int) -> Void)?) throws -> ImportSummary
    /// Calls `body` with every feature of the layer that the filter selects, in storage order (a stream).
    func forEachFeature(_ layer: Layer, filter: ParcelFilter, _ body: (StoredFeature) throws -> Void) throws
    /// One page of the parcels a query asks for, found through the store's indexes.
    func findParcels(_ q: ParcelQuery, search: SiteSearch) throws -> SitePage<ParcelHit>
    /// The boxes (registry CRS) of the parcels that may match the query's attribute filters and lie in the
    /// window of its `near` radius: a superset, each parcel's envelope or larger, read from the spatial index
    /// without the rows. Empty without `near`.
    func parcelBoxes(_ q: ParcelQuery, search: SiteSearch) throws -> [ParcelBox]
    /// One page of the buildings a query asks for, found through the store's indexes.
    func findBuildings(_ q: BuildingQuery, search: SiteSearch) throws -> SitePage<BuildingHit>

    /// The store's own integrity checks.
    func verify(limit: Int) throws -> VerifyReport
    /// Records edits made outside landbank (measured again, kept in the history).
    func repair() throws -> OutsideEditReport
    /// The subjects whose stored areas are stale (changed outside landbank, not measured since).
    func staleSubjects(limit: Int) throws -> [Subject]
    /// The store's own failures (its driver's errors) as `RegistryError`s with a kind; other errors unchanged.
    /// No driver error type leaves the store.
    func failure(_ error: Error) -> Error
    /// A number that changes whenever anything is committed to the registry, by this process or another: what a
    /// long-lived reader checks before trusting what it cached.
    func changeStamp() throws -> Int64
}

extension RegistryStore {
    /// Runs `body`, turning the store's own failures into `RegistryError`s.
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw failure(error) }
    }
}

/// A feature on its way out: id, geometry in the registry CRS, the columns as GeoJSON members, the stored
/// `properties` object (raw JSON text).
struct StoredFeature {
    var id: String
    /// The parcel's id, or the parcel a building stands on.
    var parcelID: String
    var geometry: Geometry?
    var columns: [JSONMember]
    var properties: String
}

/// Primitive reads inside one snapshot.
protocol StoreReader {
    func parcelCount() throws -> Int
    func subjectExists(_ s: Subject) throws -> Bool
    /// A parcel with its geometry in the registry's CRS.
    func parcel(id: String) throws -> (parcel: Parcel, geometry: MultiPolygon)?
    /// The parcels of these ids, without their geometries, in one statement, in no order; ids not in the
    /// registry are left out.
    func parcels(ids: [String]) throws -> [Parcel]
    /// The parcels the filter selects, by parcel id, streamed.
    func forEachParcel(_ filter: ParcelFilter, limit: Int?, _ body: (Parcel) throws -> Void) throws
    /// The parcels the filter selects with their geometries (registry CRS), by parcel id, streamed.
    func forEachParcelWithShape(_ filter: ParcelFilter, _ body: (Parcel, MultiPolygon) throws -> Void) throws
    /// Parcels whose envelope meets the box (the spatial index), with their geometries.
    func parcelShapes(meeting box: BoundingBox) throws -> [(id: String, geometry: MultiPolygon)]
    /// Buildings with the filter's status (the building's own) on parcels in its zone, or on one parcel.
    func buildings(_ filter: ParcelFilter, parcelID: String?, limit: Int?) throws -> [Building]
    func building(id: String) throws -> Building?
    /// The subject's events, by date then id.
    func events(of subject: Subject) throws -> [HistoryEvent]
    func event(id: Int64) throws -> HistoryEvent?
    /// Every subject of `kind` with events of the given kinds, each with those events by date then id.
    func forEachHistory(of kind: Subject.Kind, kinds: Set<EventKind>,
                        _ body: (String, [HistoryEvent]) throws -> Void) throws
    /// Supply contracts, of one parcel or all, by parcel and number.
    func contracts(parcelID: String?) throws -> [StoredContract]
    /// The parcel layer's extent, nil while it is empty.
    func extent() throws -> BoundingBox?
    /// Entries in the parcels' spatial index.
    func indexedCount() throws -> Int
    /// Each zone's admission policy (JSON text), by zone.
    func zonePolicies() throws -> [String: String]
    /// The distinct zones of the parcels, in order, nil for parcels without one (a seek in the zone index per
    /// zone, never a scan).
    func parcelZones() throws -> [String?]
    /// Projects (their cached stage included), by id; one project when `id` is given.
    func projects(id: String?) throws -> [Project]
    /// Project histories, of one project or all, by project, date, id; and actuals and incentives likewise.
    func projectEvents(of projectID: String?) throws -> [ProjectEvent]
    /// A project's last event that counts for its stage (`Kind.countsForStage`; by date, then id), one index seek:
    /// what a new stage event is checked against, however long the history.
    func lastStageEvent(of projectID: String) throws -> ProjectEvent?
    /// The number of a project's newest event (its version), nil when it has none.
    func lastProjectEventID(of projectID: String) throws -> Int64?
    /// One project event by its number.
    func projectEvent(id: Int64) throws -> ProjectEvent?
    func projectActuals(of projectID: String?) throws -> [ProjectActual]
    func projectIncentives(of projectID: String?) throws -> [ProjectIncentive]
    /// Where the projects' hash chain breaks (empty when intact).
    func projectChainProblems() throws -> [String]
    /// The server's API tokens, revoked ones included, by id (digests only: no store keeps a token in clear).
    func apiTokens() throws -> [StoredToken]
    /// The import log's entries, newest first, or the one numbered `id`, each with its counts by rule.
    func importRecords(id: Int64?) throws -> [ImportRecord]
    /// The issues of one import (or of all), in the order found, streamed with their import's number.
    func forEachImportIssue(importID: Int64?, _ body: (Int64, ImportIssue) throws -> Void) throws
    /// A parcel as stored, with its geometry's SHA-256 (nil while stale), without decoding the geometry.
    func parcelRecord(id: String) throws -> (parcel: Parcel, geometryDigest: String?)?
    /// Enterprise figures of one year (all years when nil), by year, enterprise, parcel.
    func enterpriseFigures(year: Int?) throws -> [EnterpriseFigures]
    /// The approval batches with their geometries (registry CRS), by approval number.
    func approvalBatches() throws -> [ApprovalBatch]
    /// The disposal plans of the inefficient-land list, every one, oldest first (the last per parcel holds).
    func inefficiencyPlans() throws -> [InefficiencyPlan]

    // For `Registry.copy`: everything as stored, hashes included.
    /// Every feature of the layer as stored, in insertion (fid) order, streamed.
    func forEachFeatureRecord(_ layer: Layer, _ body: (FeatureRecord) throws -> Void) throws
    /// Every event by id with its stored hash, streamed.
    func forEachEventRecord(_ body: (HistoryEvent, String) throws -> Void) throws
    /// Every kept geometry by id, streamed.
    func forEachKeptGeometry(_ body: (KeptGeometry) throws -> Void) throws
    /// Every project event by id with its stored hash.
    func projectEventRecords() throws -> [(event: ProjectEvent, hash: String)]
    /// The zone policies with who set each and when, by zone.
    func zonePolicyRecords() throws -> [ZonePolicyRecord]
}

/// Primitive writes inside one transaction. None of them checks a domain rule: `Registry` does.
protocol StoreWriter: StoreReader {
    /// Appends an event to the history (its hash chained to the previous one) and returns it as stored.
    func appendEvent(_ e: NewEvent, kind: EventKind) throws -> HistoryEvent
    /// Sets the status and disposal method a subject's history leads to.
    func setStatus(of subject: Subject, _ status: ParcelStatus?, _ method: DisposalMethod?) throws
    /// Inserts a contract, or replaces the one with the same parcel and number.
    func putContract(_ c: StoredContract) throws
    /// The stored geometry record of a subject (geometry, both areas), to keep before replacing it.
    func geometryRecord(of subject: Subject) throws -> GeometryRecord?
    /// Keeps a replaced geometry in the history, tied to the event that replaced it.
    func keepGeometry(_ record: GeometryRecord, of subject: Subject, eventID: Int64) throws
    /// Writes a measured geometry over the subject's (blob, digest, areas; index and extent follow).
    func storeGeometry(_ out: FeatureProcessor.Output, of subject: Subject) throws
    /// Sets (or replaces) a zone's admission policy.
    func putZonePolicy(zone: String, json: String, at time: String, by recordedBy: String) throws
    /// Inserts a project or replaces its record (not its stage); appends to its hash-chained history; caches
    /// the stage the history leads to; puts one year's actuals; adds an incentive (false: the same one is there).
    func putProject(_ p: Project) throws
    func appendProjectEvent(_ e: NewProjectEvent) throws -> ProjectEvent
    func setProjectStage(_ projectID: String, _ stage: ProjectStage?) throws
    func putProjectActual(_ a: ProjectActual) throws
    func addProjectIncentive(_ i: ProjectIncentive) throws -> Bool
    /// Sets a building's vacant floor space (m²), which the occupancy report reads.
    func setVacantFloorArea(buildingID: String, _ m2: Double?) throws
    /// Adds an API token (its digest); a name already held by a token not revoked is refused as a conflict.
    func putToken(_ t: StoredToken) throws
    /// Marks the token of that name not yet revoked as revoked; false when there is none.
    func revokeToken(name: String, at time: String) throws -> Bool
    /// Sets a parcel's descriptive columns (a re-delivered ledger's new values); status and geometry have
    /// their own writes.
    func setParcelAttributes(id: String, name: String?, zone: String?, landUse: String?, properties: String) throws
    /// Replaces one enterprise's rows of one year with `rows`; returns how many rows it had before.
    func replaceEnterpriseFigures(year: Int, enterpriseID: String, rows: [EnterpriseFigures], recordedBy: String,
                                  at time: String) throws -> Int
    /// Inserts an approval batch, or replaces the one with the same approval number (the store encodes the geometry).
    func putApprovalBatch(_ b: ApprovalBatch, recordedBy: String, at time: String) throws
    /// Appends a disposal plan (plans are never edited: a later plan supersedes).
    func addInefficiencyPlan(_ p: InefficiencyPlan) throws

    // For `Registry.copy`, into an empty registry: records written as they were stored elsewhere, ids kept.
    /// Inserts a feature as stored (status, areas, digest, time of import), its indexes and extent following.
    func insertFeatureRecord(_ r: FeatureRecord) throws
    /// Inserts an event with its id, chained to the last one; returns the hash this store computed for it.
    func insertEventRecord(_ e: HistoryEvent) throws -> String
    /// Inserts a kept geometry with its id; returns the hash this store computed for it.
    func insertKeptGeometry(_ g: KeptGeometry) throws -> String
    /// Inserts a project event with its id, chained to the last one; returns the hash this store computed.
    func insertProjectEventRecord(_ e: ProjectEvent) throws -> String
    /// Inserts an import's log entry with its number, and its issues.
    func insertImportRecord(_ r: ImportRecord, issues: [ImportIssue]) throws
}

/// A subject's geometry as stored, with its areas (m²).
struct GeometryRecord {
    var blob: [UInt8]
    var geometry: Geometry?
    var cadastralAreaM2: Double?
    var ellipsoidalAreaM2: Double
}

import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// One approval batch's supply as of a date (批而未供): approved, supplied (clipped to the batch) and
/// approved-not-supplied areas, in cadastral mu.
public struct BatchSupply: Sendable, Encodable {
    public var approvalNumber: String
    public var name: String?
    public var kind: ApprovalBatch.Kind
    public var approvedOn: CivilDate
    public var zone: String?
    public var approvedMu: Double
    public var suppliedMu: Double
    public var unsuppliedMu: Double
    /// supplied ÷ approved, % (of the rounded figures once `rounded()` ran).
    public var supplyRate: Double
    /// The supplied parcels that reach into the batch, by id.
    public var suppliedParcels: [String]
    /// Approved more than two years before the as-of date with land still unsupplied.
    public var flagged: Bool
    public var declaredMu: Double?
    /// batch − supplied parcels (GEOS difference), registry CRS; nil when all is supplied.
    public var unsupplied: MultiPolygon?

    enum CodingKeys: String, CodingKey {
        case approvalNumber = "approval_no", name, kind, approvedOn = "approved_on", zone, approvedMu = "approved_mu"
        case suppliedMu = "supplied_mu", unsuppliedMu = "unsupplied_mu", supplyRate = "supply_rate_percent"
        case suppliedParcels = "supplied_parcels", flagged = "over_two_years_unsupplied", declaredMu = "declared_mu"
    }
}

/// Totals of a group of batches (a zone, or all).
public struct SupplyTotals: Sendable, Encodable {
    public var key: String
    public var batches: Int
    public var approvedMu: Double
    public var suppliedMu: Double
    public var unsuppliedMu: Double
    public var supplyRate: Double
    public var flagged: Int

    enum CodingKeys: String, CodingKey {
        case key, batches, approvedMu = "approved_mu", suppliedMu = "supplied_mu", unsuppliedMu = "unsupplied_mu"
        case supplyRate = "supply_rate_percent", flagged = "over_two_years_unsupplied"
    }
}

/// Land supplied but not used (供而未用): a contract in force with no actual start by the as-of date, with what
/// the idle-land rules say of it.
public struct SuppliedNotUsed: Sendable, Encodable {
    public var parcelID: String
    public var zone: String?
    public var contractNumber: String
    public var holder: String
    public var agreedStart: CivilDate
    /// "idle since 2014-03-02 (11 full years)", or "not idle yet: …".
    public var idle: String
    public var batches: [String]

    enum CodingKeys: String, CodingKey {
        case parcelID = "parcel_id", zone, contractNumber = "contract_no", holder, agreedStart = "agreed_start", idle, batches
    }
}

/// The approval-batch ledger as of a date.
public struct BatchReport: Sendable, Encodable {
    public var asOf: CivilDate
    public var batches: [BatchSupply]
    public var byZone: [SupplyTotals]
    public var total: SupplyTotals
    public var suppliedNotUsed: [SuppliedNotUsed]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", batches, byZone = "by_zone", total, suppliedNotUsed = "supplied_not_used" }

    public static let noZone = "(no zone)"
}

extension Registry {
    /// Each batch's supply as of `asOf` (unrounded; `BatchReport.rounded()` rounds once, at the end). A parcel
    /// counts as supplied when a supply contract of it was recorded in its history on or before `asOf` (the
    /// date of the `contract` event; give `contract import --date` the signing date). Supplied area = the batch ∩
    /// the union of supplied parcels (GEOS); unsupplied = the batch − that union (GEOS difference); areas measured
    /// by LandbankGeodesy (cadastral; ellipsoidal in a geographic registry).
    public func batchReport(asOf: CivilDate) throws -> BatchReport {
        // "More than two years" reaches two years back: the date must leave room for it.
        guard asOf.year > CivilDate.years.lowerBound + 1 else {
            throw RegistryError(path: store.location, kind: .invalidArgument,
                                "as of \(asOf): the ledger counts batches approved more than two years before; give a date from year 0003")
        }
        let (batches, supplied, contracts, parcels) = try store.read { r in
            var dates: [String: CivilDate] = [:]
            try r.forEachHistory(of: .parcel, kinds: [.contract]) { id, events in
                if let first = events.map(\.date).min() { dates[id] = first }
            }
            var shapes: [String: MultiPolygon] = [:]
            for (id, d) in dates where d <= asOf { shapes[id] = try r.parcel(id: id)?.geometry }
            var parcels: [String: Parcel] = [:]
            try r.forEachParcel(ParcelFilter(), limit: nil) { parcels[$0.parcelID] = $0 }
            return (try r.approvalBatches(), shapes, try r.contracts(parcelID: nil).filter { dates[$0.parcelID].map { $0 <= asOf } ?? false }, parcels)
        }
        let geos = try GEOSContext()
        let measure = try GeometryMeasure(crs: crs)
        func mu(_ g: MultiPolygon?) throws -> Double {
            guard let g else { return 0 }
            let a = try measure.areas(of: .multiPolygon(g))
            return AreaUnit.mu.fromSquareMetres(a.cadastral ?? a.ellipsoidal)
        }
        let twoYearsBefore = asOf.adding(years: -2)
        var rows: [BatchSupply] = []
        var inBatch: [String: [String]] = [:]
        for b in batches {
            let box = b.geometry.boundingBox
            let near = supplied.filter { $0.value.boundingBox.intersects(box) }.sorted { $0.key < $1.key }
            let shape = Geometry.multiPolygon(b.geometry)
            var reaching: [String] = []
            for (id, g) in near where try geos.intersection(shape, .multiPolygon(g)) != nil { reaching.append(id) }
            for id in reaching { inBatch[id, default: []].append(b.approvalNumber) }
            let parts = reaching.map { Geometry.multiPolygon(supplied[$0]!) }
            let suppliedShape = parts.isEmpty ? nil : try geos.intersection(shape, .multiPolygon(try geos.union(parts).geometry))
            let rest = try geos.difference(shape, minus: parts)
            let approved = try mu(b.geometry), sup = try mu(suppliedShape), un = try mu(rest)
            rows.append(BatchSupply(approvalNumber: b.approvalNumber, name: b.name, kind: b.kind, approvedOn: b.approvedOn, zone: b.zone,
                                    approvedMu: approved, suppliedMu: sup, unsuppliedMu: un,
                                    supplyRate: approved > 0 ? sup / approved * 100 : 0, suppliedParcels: reaching,
                                    flagged: b.approvedOn < twoYearsBefore && un >= 0.0005, declaredMu: b.declaredAreaMu, unsupplied: rest))
        }
        let unused = contracts.filter { $0.terminatedOn.map { $0 > asOf } ?? true }
            .filter { $0.contract.actualStart.map { $0 > asOf } ?? true }
            .sorted { ($0.parcelID, $0.contract.contractNumber) < ($1.parcelID, $1.contract.contractNumber) }
            .map { s in
                var c = s.contract
                c.actualStart = nil
                if c.totalArea == nil { c.totalArea = parcels[s.parcelID]?.cadastralAreaM2 }
                let idle = IdleLandRules.assess(c, asOf: asOf).map { "idle since \($0.idleSince) (\($0.fullYearsIdle) full year\($0.fullYearsIdle == 1 ? "" : "s"))" }
                    ?? "not idle yet under the 2012 Measures (agreed start \(c.agreedStart))"
                return SuppliedNotUsed(parcelID: s.parcelID, zone: parcels[s.parcelID]?.zone, contractNumber: c.contractNumber,
                                       holder: c.holder, agreedStart: c.agreedStart, idle: idle, batches: inBatch[s.parcelID] ?? [])
            }
        var report = BatchReport(asOf: asOf, batches: rows, byZone: [], total: BatchReport.totals("all", rows), suppliedNotUsed: unused)
        report.byZone = Dictionary(grouping: rows) { $0.zone ?? BatchReport.noZone }.sorted { $0.key < $1.key }
            .map { BatchReport.totals($0.key, $0.value) }
        return report
    }
}

extension BatchReport {
    static func totals(_ key: String, _ rows: [BatchSupply]) -> SupplyTotals {
        let approved = rows.reduce(0) { $0 + $1.approvedMu }, supplied = rows.reduce(0) { $0 + $1.suppliedMu }
        return SupplyTotals(key: key, batches: rows.count, approvedMu: approved, suppliedMu: supplied,
                            unsuppliedMu: rows.reduce(0) { $0 + $1.unsuppliedMu },
                            supplyRate: approved > 0 ? supplied / approved * 100 : 0, flagged: rows.filter(\.flagged).count)
    }
}

import LandbankGeodesy
import LandbankLifecycle

public struct ReportOptions: Sendable {
    public var from: CivilDate?
    public var to: CivilDate?
    /// The parcels the report covers (a site query: status, zone, land use, area, box, point, buildings; its
    /// sort, limit and page are ignored), and the buildings on them.
    public var sites: ParcelQuery
    public var zone: String? { sites.zone }
    /// Standard factories built in or after this year are new builds; earlier ones are old stock (seed 003).
    public var newBuildSince: Int

    public init(from: CivilDate? = nil, to: CivilDate? = nil, zone: String? = nil, newBuildSince: Int = 2023) {
        self.init(from: from, to: to, sites: ParcelQuery(zone: zone), newBuildSince: newBuildSince)
    }

    public init(from: CivilDate? = nil, to: CivilDate? = nil, sites: ParcelQuery, newBuildSince: Int = 2023) {
        self.from = from
        self.to = to
        self.sites = sites
        self.newBuildSince = newBuildSince
    }
}

/// What zones publish about revitalizing the stock (盘活存量): land and idle floor space disposed of in a
/// period, by disposal method, split by what the disposal made of it (recovered, revitalized, under recovery),
/// and the occupancy of standard factories against the targets (100% of old stock, 50% of new builds let).
///
/// A parcel or building counts once, under its last disposal event in the period: an event stating a
/// disposal method and a status of under recovery, recovered or revitalized. Land is measured by the
/// cadastral area (mu, or ellipsoidal where the registry is geographic); floor space by surveyed floor area.
public struct DisposalReport: Sendable, Encodable {
    public struct Row: Sendable, Encodable {
        public var method: String
        public var count: Int
        public var recovered: Double
        public var revitalized: Double
        public var underRecovery: Double
        public var total: Double

        enum CodingKeys: String, CodingKey {
            case method, count, recovered, revitalized, underRecovery = "under_recovery", total
        }
    }

    public struct Occupancy: Sendable, Encodable {
        public var buildings: Int
        public var floorAreaM2: Double
        public var letFloorAreaM2: Double
        /// Let floor area / floor area; nil without buildings.
        public var occupancy: Double?
        public var target: Double
        public var meetsTarget: Bool?

        enum CodingKeys: String, CodingKey {
            case buildings, floorAreaM2 = "floor_area_m2", letFloorAreaM2 = "let_floor_area_m2", occupancy, target
            case meetsTarget = "meets_target"
        }
    }

    public var from: CivilDate?
    public var to: CivilDate?
    public var zone: String?
    public var landUnit: String
    public var parcelsDisposed: Int
    public var land: [Row]
    public var landTotal: Row
    public var buildingsDisposed: Int
    public var floorSpace: [Row]
    public var floorSpaceTotal: Row
    public var newBuildSince: Int
    public var oldStock: Occupancy
    public var newBuilds: Occupancy

    enum CodingKeys: String, CodingKey {
        case from, to, zone, landUnit = "land_unit", parcelsDisposed = "parcels_disposed", land, landTotal = "land_total"
        case buildingsDisposed = "buildings_disposed", floorSpace = "floor_space_m2", floorSpaceTotal = "floor_space_total_m2"
        case newBuildSince = "new_build_since", oldStock = "standard_factories_old_stock", newBuilds = "standard_factories_new_builds"
    }
}

extension Registry {
    public func report(_ o: ReportOptions = ReportOptions()) throws -> DisposalReport {
        let projected = crs.kind == .projected
        // The parcels the site query selects, through the query API (a plain status/zone query streams from the
        // store). Mu from the stored m² (the mu columns are for GIS users to read, and could be edited outside).
        var parcelArea: [String: Double] = [:]
        try forEachParcel(matching: o.sites) { p in
            parcelArea[p.parcelID] = AreaUnit.mu.fromSquareMetres(projected ? (p.cadastralAreaM2 ?? 0) : p.ellipsoidalAreaM2)
        }
        return try store.read { r in
            // The buildings standing on those parcels.
            let buildings = try r.buildings(ParcelFilter(zone: o.sites.zone), parcelID: nil, limit: nil)
                .filter { parcelArea[$0.parcelID] != nil }
            let floor = Dictionary(buildings.map { ($0.buildingID, $0.floorAreaM2) }, uniquingKeysWith: { a, _ in a })
            let land = try Self.disposals(.parcel, measures: parcelArea, o, r)
            let space = try Self.disposals(.building, measures: floor, o, r)
            let factories = buildings.filter(\.standardFactory)
            func occupancy(_ new: Bool, target: Double) -> DisposalReport.Occupancy {
                let rows = factories.filter { ($0.yearBuilt ?? 0 >= o.newBuildSince) == new }
                var area = CompensatedSum(), vacant = CompensatedSum()
                for b in rows { area.add(b.floorAreaM2); vacant.add(b.vacantFloorAreaM2 ?? 0) }
                let occ = area.value > 0 ? (area.value - vacant.value) / area.value : nil
                return .init(buildings: rows.count, floorAreaM2: area.value, letFloorAreaM2: area.value - vacant.value,
                             occupancy: occ, target: target, meetsTarget: occ.map { $0 >= target })
            }
            return DisposalReport(
                from: o.from, to: o.to, zone: o.zone, landUnit: projected ? "cadastral mu" : "ellipsoidal mu",
                parcelsDisposed: land.total.count, land: land.rows, landTotal: land.total,
                buildingsDisposed: space.total.count, floorSpace: space.rows, floorSpaceTotal: space.total,
                newBuildSince: o.newBuildSince, oldStock: occupancy(false, target: 1.0), newBuilds: occupancy(true, target: 0.5))
        }
    }

    /// Rows by disposal method of the subjects whose last disposal event falls in the period, measured by
    /// `measures` (subjects outside it — another zone — are skipped).
    static func disposals(_ kind: Subject.Kind, measures: [String: Double], _ o: ReportOptions, _ r: any StoreReader) throws
        -> (rows: [DisposalReport.Row], total: DisposalReport.Row) {
        // Corrections apply at the place of the events they correct, so each subject's history is read whole.
        var last: [String: (ParcelStatus, DisposalMethod)] = [:]
        try r.forEachHistory(of: kind, kinds: [.registered, .status, .correction]) { subject, events in
            let counted = Corrections.effective(events.map(\.entry)).last { e in
                guard e.disposalMethod != nil, let s = e.status, Transitions.disposed.contains(s) else { return false }
                return (o.from.map { e.date >= $0 } ?? true) && (o.to.map { e.date <= $0 } ?? true)
            }
            if let c = counted, let s = c.status, let m = c.disposalMethod { last[subject] = (s, m) }
        }
        var sums: [DisposalMethod: [ParcelStatus: CompensatedSum]] = [:]
        var counts: [DisposalMethod: Int] = [:]
        for (id, (status, method)) in last {
            guard let m = measures[id] else { continue }
            sums[method, default: [:]][status, default: CompensatedSum()].add(m)
            counts[method, default: 0] += 1
        }
        func row(_ name: String, _ count: Int, _ s: [ParcelStatus: CompensatedSum]) -> DisposalReport.Row {
            let rec = s[.recovered]?.value ?? 0, rev = s[.revitalized]?.value ?? 0, und = s[.underRecovery]?.value ?? 0
            var total = CompensatedSum()
            for v in [rec, rev, und] { total.add(v) }
            return .init(method: name, count: count, recovered: rec, revitalized: rev, underRecovery: und, total: total.value)
        }
        let rows = DisposalMethod.allCases.compactMap { m in counts[m].map { row(m.rawValue, $0, sums[m] ?? [:]) } }
        var all: [ParcelStatus: CompensatedSum] = [:]
        for s in sums.values { for (k, v) in s { all[k, default: CompensatedSum()].add(v.value) } }
        return (rows, row("total", counts.values.reduce(0, +), all))
    }
}

extension DisposalReport {
    /// The figures rounded for publication — land to 0.001 mu, floor space to 0.01 m², occupancy to 0.0001 —
    /// with each column's rows apportioned (largest remainder) so that they add up to its total.
    public func rounded() -> DisposalReport {
        var r = self
        (r.land, r.landTotal) = Self.round(land, landTotal, perUnit: 1000)
        (r.floorSpace, r.floorSpaceTotal) = Self.round(floorSpace, floorSpaceTotal, perUnit: 100)
        for o in [\DisposalReport.oldStock, \DisposalReport.newBuilds] {
            r[keyPath: o].occupancy = r[keyPath: o].occupancy.map { ($0 * 10000).rounded() / 10000 }
        }
        return r
    }

    /// Controlled rounding of the table: every cell (method × status) is apportioned against the grand total,
    /// then row and column totals are the sums of rounded cells, so the table adds up in both directions.
    static func round(_ rows: [Row], _ total: Row, perUnit: Double) -> ([Row], Row) {
        let columns: [WritableKeyPath<Row, Double>] = [\.recovered, \.revitalized, \.underRecovery]
        let cells = rows.flatMap { r in columns.map { r[keyPath: $0] } }
        let units = Apportionment.units(cells, total: total.total, perUnit: perUnit)
        var out = rows
        var t = total
        for c in columns { t[keyPath: c] = 0 }
        var grand: Int64 = 0
        for i in out.indices {
            var rowUnits: Int64 = 0
            for (j, c) in columns.enumerated() {
                let u = units[i * columns.count + j]
                out[i][keyPath: c] = Double(u) / perUnit
                rowUnits += u
            }
            out[i].total = Double(rowUnits) / perUnit
            grand += rowUnits
        }
        for (j, c) in columns.enumerated() {
            t[keyPath: c] = Double(out.indices.reduce(Int64(0)) { $0 + units[$1 * columns.count + j] }) / perUnit
        }
        t.total = Double(grand) / perUnit
        return (out, t)
    }
}

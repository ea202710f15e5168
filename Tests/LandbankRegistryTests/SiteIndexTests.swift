import Foundation
import GRDB
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// The site indexes (migration 9): an R*Tree per layer over the envelope and the filtered attributes, filled in
/// bulk by an import, kept by triggers through every other edit, and searches through them equal to a full scan.
@Suite("Site indexes", .serialized)
struct SiteIndexTests {
    /// Rows whose site-index cell is missing or does not hold the row's envelope and attribute values (an empty
    /// value stored below every minimum, a value that is not a number given the whole line).
    static func wrongCells(_ r: Registry, _ index: SiteIndex) throws -> [Int64] {
        let attributes = index.attributes.map { a -> String in
            let c = "t.\(a.column)"
            if let codes = a.codes {
                // A text column's value stands as its position in the codes.
                let code = "coalesce((SELECT key FROM json_each('\(String(decoding: try! JSONEncoder().encode(codes), as: UTF8.self))') WHERE value = \(c)), -3e38)"
                return "(s.min_\(a.name) <= \(code) AND s.max_\(a.name) >= \(code))"
            }
            return """
                ((\(c) IS NULL AND \(index.missing < 0 ? "s.max_\(a.name) <= -2.9e38" : "s.min_\(a.name) >= 2.9e38"))
                 OR (typeof(\(c)) IN ('integer', 'real') AND s.min_\(a.name) <= \(c) AND s.max_\(a.name) >= \(c))
                 OR (typeof(\(c)) = 'text' AND s.min_\(a.name) <= -2.9e38 AND s.max_\(a.name) >= 2.9e38))
                """
        }.joined(separator: " AND ")
        return try r.db.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT t.fid FROM \(index.table) t LEFT JOIN \(index.name) s ON s.id = t.fid
                WHERE s.id IS NULL OR NOT (s.minx <= ST_MinX(t.geom) AND s.maxx >= ST_MaxX(t.geom)
                  AND s.miny <= ST_MinY(t.geom) AND s.maxy >= ST_MaxY(t.geom) AND \(attributes))
                UNION ALL SELECT s.id FROM \(index.name) s WHERE NOT EXISTS (SELECT 1 FROM \(index.table) t WHERE t.fid = s.id)
                """)
        }
    }

    static func expectRight(_ r: Registry, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for index in SiteIndex.all {
            #expect(try wrongCells(r, index) == [], "\(index.name)", sourceLocation: sourceLocation)
        }
        let report = try r.verify()
        for check in report.checks where check.name.hasPrefix("spatial index") {
            #expect(check.problems == [], "\(check.name)", sourceLocation: sourceLocation)
        }
    }

    /// Parcels with mu bounds near a point and buildings with the three indexed criteria, against full scans.
    static func expectSearchesEqualScans(_ r: Registry, _ queries: [ParcelQuery], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let search = try SiteSearch(r)
        let sites = try QueryTests.sites(of: r)
        for q in queries {
            let expected = try QueryTests.scan(q, search, sites: sites).map(\.0).prefix(q.limit ?? .max)
            let got = try search.parcels(q).hits.map(\.parcel.parcelID)
            #expect(got == Array(expected), "\(q.minMu ?? -1)…\(q.maxMu ?? -1) mu: \(got) vs \(expected)", sourceLocation: sourceLocation)
        }
        let criteria = BuildingCriteria(minVacantM2: 25_000, minClearHeightM: 12, minPowerKVA: 4_000)
        let expected = try r.buildings().filter(criteria.matches).map(\.buildingID).sorted()
        let got = try search.buildings(BuildingQuery(criteria: criteria, near: NearPoint(lon: 114.94, lat: 27.80, withinKm: 50)))
        #expect(got.hits.map(\.building.buildingID).sorted() == expected, sourceLocation: sourceLocation)
    }

    static let near = NearPoint(lon: 114.94, lat: 27.80, withinKm: 50)
    static let queries = [ParcelQuery(minMu: 150, near: near), ParcelQuery(minMu: 20, maxMu: 30, near: near, limit: 5),
                          ParcelQuery(maxMu: 2, near: near), ParcelQuery(minMu: 0, near: near, limit: 3)]

    @Test("an import fills each site index in bulk, one cell per row holding its values; a small append inserts cells")
    func filledByImport() throws {
        let r = try RandomSites.make(seed: 31)
        try Self.expectRight(r)
        #expect(try r.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM landbank_parcels_site") } == RandomSites.columns * RandomSites.rows)
        // Three parcels more: under a tenth of the tree, so they go in through rtree inserts, not a rebuild.
        let dir = try scratchDirectory()
        let o = RandomSites.origin
        let extra = (0..<3).map { i in
            RandomSites.feature("X-\(i)", RandomSites.square(o.x - 500 - 300 * Double(i), o.y - 500, 40.0 + 30 * Double(i)), ["status": "recovered"])
        }
        try RandomSites.collection(extra).write(toFile: dir + "/x.geojson", atomically: true, encoding: .utf8)
        _ = try r.importFile(dir + "/x.geojson")
        try Self.expectRight(r)
        try Self.expectSearchesEqualScans(r, Self.queries)
    }

    @Test("edits made through GDAL (ogrinfo -sql) keep the site indexes right, and searches still equal a full scan")
    func outsideEdits() throws {
        let r = try RandomSites.make(seed: 32)
        let building = try #require(try r.buildings().first)
        for sql in [
            // Out of every parcel's range (the largest are about 54 mu): only the index's update trigger can
            // make a search for 150 mu or more find it.
            // (Both columns: `Parcel.cadastralAreaMu` is derived from the m², the search reads the mu column.)
            "UPDATE parcels SET cadastral_area_m2 = 200 * 2000.0 / 3, cadastral_area_mu = 200 WHERE parcel_id = 'R-0007'",
            "UPDATE parcels SET cadastral_area_m2 = NULL, cadastral_area_mu = NULL WHERE parcel_id = 'R-0008'",
            "UPDATE parcels SET cadastral_area_m2 = 25 * 2000.0 / 3, cadastral_area_mu = 25 WHERE parcel_id = 'R-0009'",
            "UPDATE buildings SET floor_area_m2 = 40000, vacant_floor_area_m2 = 30000, clear_height_m = 13, power_kva = 4500 WHERE building_id = '\(building.buildingID)'",
            // Moves R-0011 onto R-0250's shape: landbank measures it again on the next open.
            "UPDATE parcels SET geom = (SELECT geom FROM parcels WHERE parcel_id = 'R-0250') WHERE parcel_id = 'R-0011'",
            "DELETE FROM parcels WHERE parcel_id = 'R-0012' AND NOT EXISTS (SELECT 1 FROM buildings WHERE parcel_id = 'R-0012')",
        ] {
            let (status, out) = try gdalSQL(r, sql)
            #expect(status == 0 && !out.contains("ERROR"), "\(out)")
        }
        let reopened = try Registry.open(at: r.path)
        try Self.expectRight(reopened)
        let search = try SiteSearch(reopened)
        #expect(try search.parcels(ParcelQuery(minMu: 150, near: Self.near)).hits.map(\.parcel.parcelID) == ["R-0007"])
        #expect(try search.buildings(BuildingQuery(criteria: BuildingCriteria(minVacantM2: 30_000, minClearHeightM: 13, minPowerKVA: 4_500),
                                                   near: Self.near)).hits.map(\.building.buildingID).contains(building.buildingID))
        // Not a maximum alone: with no cadastral area, `matchesAttributes` falls back to the ellipsoidal mu while the
        // SQL (and so the index) reads the cadastral column of a projected registry and excludes the parcel.
        try Self.expectSearchesEqualScans(reopened, Self.queries.filter { $0.minMu != nil } + [ParcelQuery(minMu: 24.9, maxMu: 25.1, near: Self.near)])
    }

    @Test("a registry made before migration 9 gets its site indexes built and filled when opened")
    func upgrade() throws {
        let r = try RandomSites.make(seed: 33)
        try r.db.write { db in
            for index in SiteIndex.all {
                try db.execute(sql: "DROP TABLE \(index.name)")
                for t in ["insert", "update", "delete"] { try db.execute(sql: "DROP TRIGGER \(index.name)_\(t)") }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [SiteIndexMigration.name])
        }
        let path = r.path
        let upgraded = try Registry.open(at: path)
        try Self.expectRight(upgraded)
        try Self.expectSearchesEqualScans(upgraded, Self.queries)
    }

    @Test("a registry made before migrations 16 and 17 (buildings' unknowns below, parcels without a status dimension) gets both trees made again when opened")
    func upgradeDimensions() throws {
        let r = try RandomSites.make(seed: 36)
        try r.db.write { db in
            try db.execute(sql: "DROP TABLE landbank_parcels_site")
            try db.execute(sql: """
                CREATE VIRTUAL TABLE landbank_parcels_site USING rtree(id, minx, maxx, miny, maxy,
                  min_cadastral_mu, max_cadastral_mu, min_ellipsoidal_mu, max_ellipsoidal_mu)
                """)
            try db.execute(sql: "UPDATE landbank_buildings_site SET min_power_kva = -3e38, max_power_kva = -3e38 WHERE min_power_kva > 2.9e38")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN (?, ?)",
                           arguments: [UnknownsAboveMigration.name, StatusDimensionMigration.name])
        }
        let upgraded = try Registry.open(at: r.path)
        let names = try upgraded.db.read { try Row.fetchAll($0, sql: "PRAGMA table_info(landbank_parcels_site)").map { $0["name"] as String } }
        #expect(names.suffix(2) == ["min_status", "max_status"])
        try Self.expectRight(upgraded)
        var queries = Self.queries
        queries[1].statuses = [.recovered]
        try Self.expectSearchesEqualScans(upgraded, queries)
    }

    @Test("a site search reads the site index with its attribute bounds, not the table, for the rows of a window")
    func plan() throws {
        let r = try RandomSites.make(seed: 34)
        let q = ParcelQuery(minMu: 40, maxMu: 60)
        let site = q.siteConditions(projected: true)
        #expect(site.conditions.map(\.0) == ["r.max_cadastral_mu >= ?", "r.min_cadastral_mu <= ?"])
        let sql = "SELECT id FROM landbank_parcels_site r WHERE r.minx <= 1e9 AND r.maxx >= 0 AND r.miny <= 1e9 AND r.maxy >= 0 AND "
            + site.conditions.map(\.0).joined(separator: " AND ")
        // rtree's plan names each constraint by operator and column: 6 constraints, the two on mu included.
        let detail = try r.db.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [40.0, 60.0]).map { $0["detail"] as String } }
        #expect(detail.joined().contains("VIRTUAL TABLE INDEX 2:"), "\(detail)")
        let columns = ["cadastral_mu", "ellipsoidal_mu", "status"].flatMap { ["min_\($0)", "max_\($0)"] }
        let names = try r.db.read { try Row.fetchAll($0, sql: "PRAGMA table_info(landbank_parcels_site)").map { $0["name"] as String } }
        #expect(names == ["id", "minx", "maxx", "miny", "maxy"] + columns)
        // Buildings' unknown values lie above every value: each minimum also bounds the dimension's minimum below
        // them, unless unknown values pass (the matcher's criteria), and floor load has no dimension.
        var criteria = BuildingCriteria(minVacantM2: 1, minClearHeightM: 2, minFloorLoadKNm2: 3, minPowerKVA: 4)
        #expect(criteria.siteConditions.conditions.map(\.0) == ["r.max_vacant_m2 >= ?", "r.min_vacant_m2 <= ?",
            "r.max_clear_height_m >= ?", "r.min_clear_height_m <= ?", "r.max_power_kva >= ?", "r.min_power_kva <= ?"])
        criteria.orUnknown = true
        #expect(criteria.siteConditions.conditions.map(\.0) == ["r.max_vacant_m2 >= ?", "r.min_vacant_m2 <= ?",
            "r.max_clear_height_m >= ?", "r.max_power_kva >= ?"])
    }

    @Test("a parcel's status is a dimension of its site index: a status recorded moves its entry, searches by status find it at once")
    func statusDimension() throws {
        let r = try RandomSites.make(seed: 35)
        var byStatus = ParcelQuery(near: Self.near)
        byStatus.statuses = [.recovered, .idle]
        #expect(byStatus.siteConditions(projected: true).conditions.map(\.0) == ["r.max_status >= ?", "r.min_status <= ?"])
        #expect(byStatus.siteConditions(projected: true).conditions.map(\.1) == [1, 2])
        let parcel = try #require(try r.parcels().first { $0.status == .underRecovery })
        #expect(try !SiteSearch(r).parcels(byStatus).hits.contains { $0.parcel.parcelID == parcel.parcelID })
        try r.record(NewEvent(subject: Subject(.parcel, parcel.parcelID), date: CivilDate.today().adding(days: 1), status: .recovered, recordedBy: "clerk"))
        #expect(try SiteSearch(r).parcels(byStatus).hits.contains { $0.parcel.parcelID == parcel.parcelID })
        byStatus.statuses = [.underRecovery]
        #expect(try !SiteSearch(r).parcels(byStatus).hits.contains { $0.parcel.parcelID == parcel.parcelID })
        try Self.expectRight(r)
        var queries = Self.queries
        for i in queries.indices { queries[i].statuses = i % 2 == 0 ? [.recovered] : [.underRecovery, .revitalized] }
        try Self.expectSearchesEqualScans(r, queries)
    }
}

import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// The store contract: the same registry built on a GeoPackage and on PostgreSQL + PostGIS gives the same
/// answers, figures and hashes.
@Suite("The PostGIS store keeps the GeoPackage store's contract", needsPostgres, .serialized)
struct PostGISStoreTests {
    @Test("the demo zone gives the same parcels, buildings, stats, report, idle check, queries and history hashes on both stores")
    func sameAnswers() throws {
        let gpkg = try demoRegistry(at: try scratchDirectory() + "/r.gpkg")
        let pg = try demoRegistry(at: try freshDatabase())
        #expect(try pg.parcelCount == 144)
        #expect(try json(pg.parcels()) == json(gpkg.parcels()))
        #expect(try json(pg.buildings()) == json(gpkg.buildings()))
        #expect(try json(pg.stats()) == json(gpkg.stats()))
        #expect(try json(pg.stats(ParcelFilter(status: .idle))) == json(gpkg.stats(ParcelFilter(status: .idle))))
        let report = ReportOptions(to: CivilDate("2025-06-30"))
        #expect(try json(pg.report(report)) == json(gpkg.report(report)))
        #expect(try json(pg.idleCheck(asOf: CivilDate("2025-06-30")!)) == json(gpkg.idleCheck(asOf: CivilDate("2025-06-30")!)))
        #expect(try json(pg.contracts()) == json(gpkg.contracts()))
        // Hashes cover the time of recording, so two registries built apart differ there; `copyBothWays` checks
        // that the same history gives the same hashes on both stores.
        #expect(try pg.eventHashes().count == gpkg.eventHashes().count)
        #expect(try "\(pg.extent())" == "\(gpkg.extent())")
        for id in ["XYGX-2023-001", "XYGX-2023-077"] {
            #expect(try json(pg.history(of: Subject(.parcel, id))) == json(gpkg.history(of: Subject(.parcel, id))))
        }
        // The streamed parcels with their shapes (what `blocks` reads): the same ids, parts and envelopes.
        func shapes(_ r: Registry, _ f: ParcelFilter) throws -> [String] {
            var out: [String] = []
            try r.forEachParcelWithShape(f) { p, g in out.append("\(p.parcelID) \(p.status) \(g.polygons.count) \(g.boundingBox)") }
            return out
        }
        #expect(try shapes(gpkg, ParcelFilter()).count == 144)
        #expect(try shapes(pg, ParcelFilter()) == shapes(gpkg, ParcelFilter()))
        #expect(try shapes(pg, ParcelFilter(status: .recovered)) == shapes(gpkg, ParcelFilter(status: .recovered)))
        #expect(try pg.verify().ok)
    }

    @Test("site queries: window, nearest-k, within a distance, attribute ranges, sort by area, and every page of a cursor")
    func sameQueries() throws {
        let gpkg = try demoRegistry(at: try scratchDirectory() + "/r.gpkg")
        let pg = try demoRegistry(at: try freshDatabase())
        let e = try gpkg.extent()
        let mid = BoundingBox(minX: e.minX, minY: e.minY, maxX: (e.minX + e.maxX) / 2, maxY: (e.minY + e.maxY) / 2)
        let queries: [ParcelQuery] = [
            ParcelQuery(bbox: mid),
            ParcelQuery(status: .idle, bbox: mid),
            ParcelQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 30), limit: 10),
            ParcelQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 2)),
            ParcelQuery(minMu: 20, maxMu: 60),
            ParcelQuery(minMu: 10, sort: .area, limit: 7),
            ParcelQuery(buildings: BuildingCriteria(minVacantM2: 500)),
            ParcelQuery(zone: "袁河片区", near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 50), limit: 3),
            { var q = ParcelQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 50), limit: 12)
              q.zones = ["袁河片区", "马洪片区"]; q.withShapes = true; return q }(),
        ]
        var found = 0
        for q in queries {
            let hits = try gpkg.findParcels(q).hits
            found += hits.count
            let pgHits = try pg.findParcels(q).hits
            #expect(try json(pgHits) == json(hits), "\(q)")
            // The shapes kept (`withShapes`) are the same on both stores.
            #expect(pgHits.map(\.shape) == hits.map(\.shape), "\(q)")
            if q.withShapes { #expect(!hits.isEmpty && hits.allSatisfy { $0.shape != nil }) }
        }
        #expect(found > 100)
        // A cursor walked to its end gives the same pages.
        for var q in [ParcelQuery(limit: 25), ParcelQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 50), limit: 20),
                      ParcelQuery(sort: .area, limit: 30)] {
            var pages = 0
            while true {
                let a = try pg.findParcels(q), b = try gpkg.findParcels(q)
                #expect(try json(a.hits) == json(b.hits))
                #expect(a.nextPageToken == b.nextPageToken)
                pages += 1
                guard let next = a.nextPageToken, pages < 20 else { break }
                q.pageToken = next
            }
            #expect(pages > 1)
        }
        let near = BuildingQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 30), limit: 5)
        #expect(try json(pg.findBuildings(near).hits) == json(gpkg.findBuildings(near).hits))
        let vacant = BuildingQuery(criteria: BuildingCriteria(minVacantM2: 1000), limit: 10)
        #expect(try json(pg.findBuildings(vacant).hits) == json(gpkg.findBuildings(vacant).hits))
        // Parcels by id in one statement (the matcher's floor-space search): the same records on both stores.
        let ids = try gpkg.findParcels(ParcelQuery(limit: 30)).hits.map(\.parcel.parcelID) + ["no such parcel", "x\"]'"]
        let a = try gpkg.parcels(ids: ids), b = try pg.parcels(ids: ids)
        #expect(a.count == 30 && Set(a.keys) == Set(b.keys))
        for id in a.keys.sorted() { #expect(try json(a[id]) == json(b[id]), "\(id)") }
        // The boxes of a radius's candidates (the spatial index alone): the same parcels; the GeoPackage's are the
        // R*Tree's float32 boxes, each holding PostGIS's envelope.
        var q = ParcelQuery(maxMu: 30, near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 3))
        q.statuses = [.idle, .recovered]
        let boxes = try SiteSearch(gpkg).parcelBoxes(q), pgBoxes = try SiteSearch(pg).parcelBoxes(q)
        #expect(!boxes.isEmpty && Set(boxes.map(\.fid)) == Set(pgBoxes.map(\.fid)))
        let byFid = Dictionary(uniqueKeysWithValues: boxes.map { ($0.fid, $0.box) })
        for p in pgBoxes {
            let b = try #require(byFid[p.fid])
            #expect(b.minX <= p.box.minX && b.minY <= p.box.minY && b.maxX >= p.box.maxX && b.maxY >= p.box.maxY, "\(p.fid)")
        }
    }

    @Test("the history is append-only in the database: an UPDATE, DELETE or TRUNCATE through libpq is refused by a trigger")
    func appendOnly() throws {
        let url = try freshDatabase()
        let r = try demoRegistry(at: url)
        let before = try r.eventHashes()
        let c = try PGConnection(PGURL(url))
        for sql in ["UPDATE events SET note = 'rewritten' WHERE id = 1", "DELETE FROM events WHERE id = 2", "TRUNCATE events CASCADE",
                    "DELETE FROM imports"] {
            #expect(throws: PGError.self, "\(sql)") { try c.execute(sql) }
            do { try c.execute(sql) } catch let e as PGError {
                #expect(e.sqlState == "P0001" && e.message.contains("append-only"), "\(e)")
            }
        }
        #expect(try r.eventHashes() == before)
        #expect(try r.verify().ok)
        // With the trigger dropped, an edit goes through, and verify finds the broken chain.
        try c.execute("ALTER TABLE events DISABLE TRIGGER events_append_only; UPDATE events SET note = 'rewritten' WHERE id = 3")
        let report = try r.verify()
        #expect(!report.ok)
        #expect(report.checks.contains { $0.name.contains("triggers") && !$0.ok })
        #expect(report.checks.contains { $0.name == "history hash chain" && $0.problems.first?.contains("event #3") == true })
    }

    @Test("a status changed behind landbank's back is caught by verify: it is not what the history derives")
    func statusAgainstHistory() throws {
        let url = try freshDatabase()
        let r = try demoRegistry(at: url)
        #expect(try r.verify().checks.contains { $0.name == "statuses follow the history" && $0.ok })
        let c = try PGConnection(PGURL(url))
        let id: String = try #require(try c.query("SELECT parcel_id FROM parcels WHERE status = 'idle' ORDER BY parcel_id LIMIT 1").first?["parcel_id"])
        try c.execute("UPDATE parcels SET status = 'revitalized' WHERE parcel_id = '\(id)'")
        let check = try #require(try r.verify().checks.first { $0.name == "statuses follow the history" })
        #expect(check.problems == ["parcel \(id): status revitalized, its history says idle"], "\(check.problems)")
    }

    @Test("buildings on PostgreSQL: one off its parcel and one on no parcel are named, nothing is written; skipped, the rest go in")
    func buildingRefusals() throws {
        let url = try freshDatabase()
        let r = try Registry.create(at: url, crs: "EPSG:4547")
        _ = try r.importFile(fixture("xinyu-hitech-disposed.geojson"), ImportOptions(recordedBy: "clerk"))
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture("xinyu-hitech-buildings.geojson")))) as! [String: Any]
        var features = (all["features"] as! [[String: Any]]).prefix(40).map { $0 }
        func set(_ i: Int, parcel: String) {
            var p = features[i]["properties"] as! [String: Any]
            p["parcel_id"] = parcel
            features[i]["properties"] = p
        }
        let far = (features.last!["properties"] as! [String: Any])["parcel_id"] as! String
        set(3, parcel: "NOPE")
        set(4, parcel: far)
        var file = all
        file["features"] = features
        let path = try scratchDirectory() + "/b.geojson"
        try JSONSerialization.data(withJSONObject: file, options: .sortedKeys).write(to: URL(fileURLWithPath: path))
        let bad4 = features[3]["id"] as! String, bad5 = features[4]["id"] as! String
        #expect {
            _ = try r.importBuildings(from: try FeatureSources.open(path))
        } throws: { e in
            "\(e)".contains(bad4) && "\(e)".contains("no parcel \"NOPE\"")
        }
        #expect(try r.buildings().isEmpty)
        var options = ImportOptions()
        options.skipInvalid = true
        let s = try r.importBuildings(from: try FeatureSources.open(path), options: options)
        #expect(s.imported.parcels == 38)
        let stored = Set(try r.buildings().map(\.buildingID))
        #expect(stored.count == 38 && !stored.contains(bad4) && !stored.contains(bad5))
        let last = try #require(try r.imports().first?.id)
        var messages: [String] = []
        try r.forEachImportIssue(importID: last) { _, issue in if issue.featureID == bad5 { messages.append(issue.message) } }
        #expect(messages.contains { $0.contains("does not lie on parcel \"\(far)\"") }, "\(messages)")
        #expect(try r.verify().ok)
    }

    @Test("a copy GeoPackage → PostGIS → GeoPackage keeps every record and hash, and verify passes on each end")
    func copyBothWays() throws {
        let dir = try scratchDirectory()
        let source = try demoRegistry(at: dir + "/source.gpkg")
        try source.setZonePolicyJSON(zone: "袁河片区", json: #"{"offers":["idle"]}"#, by: "clerk")
        _ = try source.addToken(name: "desk", role: .clerk)
        // Issue 15's records travel too: enterprise figures, approval batches (geometry and areas), a disposal plan.
        _ = try source.importEnterpriseFigures(path: fixture("xinyu-efficiency-enterprises-2024.csv"), year: 2024, recordedBy: "clerk")
        _ = try source.importBatches(from: try FeatureSources.open(fixture("xinyu-efficiency-batches.geojson")), recordedBy: "clerk")
        try source.planInefficient(parcelID: "XYGX-2023-009", method: .acquisition, plannedFor: CivilDate("2025-12-31")!, recordedBy: "clerk")
        let url = try freshDatabase()
        let there = try Registry.copy(from: dir + "/source.gpkg", to: url)
        #expect(there.parcels == 144 && there.buildings == 165 && there.tokens == 1 && there.zonePolicies == 1 && there.imports == 2)
        let back = try Registry.copy(from: url, to: dir + "/back.gpkg")
        #expect(try json(back) == json(there))
        let pg = try Registry.open(at: url), gp = try Registry.open(at: dir + "/back.gpkg")
        for r in [pg, gp] {
            #expect(try r.verify().ok)
            #expect(try r.eventHashes() == source.eventHashes())
            #expect(try json(r.parcels()) == json(source.parcels()))
            #expect(try json(r.stats()) == json(source.stats()))
            #expect(try json(r.imports()) == json(source.imports()))
            #expect(try r.allZonePolicyJSON() == source.allZonePolicyJSON())
            #expect(try r.enterpriseFigures(year: nil) == source.enterpriseFigures(year: nil))
            #expect(try r.enterpriseFigures(year: nil).count == 42)
            let asOf = CivilDate("2025-06-30")!
            #expect(try json(r.batchReport(asOf: asOf)) == json(source.batchReport(asOf: asOf)))
            #expect(try json(r.inefficientList(asOf: asOf, minPlotRatio: nil)) == json(source.inefficientList(asOf: asOf, minPlotRatio: nil)))
        }
        // The target must be new: a second copy onto it is refused and changes nothing.
        #expect(throws: RegistryError.self) { try Registry.copy(from: dir + "/source.gpkg", to: url) }
        #expect(try pg.parcelCount == 144)
    }

    @Test("a copy that fails half-way (a source history changed outside landbank) leaves no target behind, in either store")
    func copyAllOrNothing() throws {
        let broken = try freshDatabase()
        _ = try demoRegistry(at: broken)
        try PGConnection(PGURL(broken)).execute("""
            ALTER TABLE events DISABLE TRIGGER events_append_only; UPDATE events SET note = 'rewritten' WHERE id = 200
            """)
        let file = try scratchDirectory() + "/copy.gpkg"
        #expect { try Registry.copy(from: broken, to: file) } throws: { "\($0)".contains("event #200 does not match its hash") }
        #expect(!FileManager.default.fileExists(atPath: file))
        let url = try freshDatabase()
        #expect { try Registry.copy(from: broken, to: url) } throws: { "\($0)".contains("event #200") }
        #expect { try Registry.open(at: url) } throws: { ($0 as? RegistryError)?.kind == .notARegistry }
    }
}

import Foundation
import LandbankGeometry
import LandbankLifecycle

/// `verify` on PostgreSQL: what a GeoPackage's file checks stand for here. The server keeps its own files and
/// indexes consistent, so the checks are landbank's: the history's hash chains, the triggers and indexes that
/// the schema needs, and every geometry against the digest of what landbank measured.
extension PostGISStore {
    static let expectedIndexes = ["parcels_geom", "buildings_geom", "parcels_zone_status", "parcels_status", "parcels_land_use",
                                  "parcels_cadastral_mu", "parcels_ellipsoidal_mu", "buildings_parcel", "buildings_vacant",
                                  "buildings_clear_height", "buildings_power", "buildings_available", "events_subject"]

    func verify(limit: Int) throws -> VerifyReport {
        try mapped {
            try pool.read { c in
                let access = PGAccess(c: c, store: self)
                var report = VerifyReport(checks: [])
                let indexes = Set(try c.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").rows
                    .compactMap { $0["indexname"] as String? })
                report.add("indexes (GiST on geometry, B-trees on the filter columns)",
                           Self.expectedIndexes.filter { !indexes.contains($0) }.map { "index \($0) is missing" }, limit: limit)
                let triggers = Set(try c.query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'").rows
                    .compactMap { $0["tgname"] as String? })
                report.add("append-only triggers", PGSchema.appendOnly.flatMap { t in
                    ["\(t.table)_append_only", "\(t.table)_no_truncate"].filter { !triggers.contains($0) }
                        .map { "trigger \($0) is missing or disabled: the history can be rewritten" }
                }, limit: limit)
                var mismeasured: [Subject] = []
                report.add("geometries against their measured digests", try geometryProblems(access, &mismeasured), limit: limit)
                report.add("history hash chain", try historyProblems(access), limit: limit)
                report.add("project history hash chain", try access.projectChainProblems(), limit: limit)
                var audit = StatusAudit()
                for kind in Subject.Kind.allCases {
                    var stored: [String: ParcelStatus?] = [:]
                    let (table, column) = kind == .parcel ? ("parcels", "parcel_id") : ("buildings", "building_id")
                    try access.stream("SELECT \(column) AS id, status FROM \(table)", []) { r in
                        if let id: String = r["id"] { stored[id] = (r["status"] as String?).flatMap(ParcelStatus.init(rawValue:)) }
                    }
                    try audit.check(kind, stored: stored) { try access.forEachHistory(of: kind, kinds: Set(EventKind.allCases), $0) }
                }
                audit.add(to: &report, limit: limit)
                report.mismeasured = Set(mismeasured)
                return report
            }
        }
    }

    /// Each feature's geometry, encoded as landbank stores it, against the SHA-256 stored when it was measured.
    private func geometryProblems(_ access: PGAccess, _ mismeasured: inout [Subject]) throws -> [String] {
        var problems: [String] = []
        for (kind, table, column) in [(Subject.Kind.parcel, "parcels", "parcel_id"), (.building, "buildings", "building_id")] {
            try access.stream("SELECT \(column) AS id, geom_sha256, ST_AsBinary(geom) AS wkb FROM \(table) ORDER BY \(column)", []) { r in
                let id: String = r["id"] ?? "?"
                guard let stored: String = r["geom_sha256"] else {
                    problems.append("\(kind.rawValue) \(id): its areas are stale (no digest)")
                    return
                }
                let g = try PGGeometry.multiPolygon(r, id: id, location: location)
                if HistoryChain.sha256(PGGeometry.gpkg(g, srid: srsID)) != stored {
                    problems.append("\(kind.rawValue) \(id): the geometry is not the one landbank measured (changed outside landbank)")
                    mismeasured.append(Subject(kind, id))
                }
            }
        }
        return problems
    }

    /// The events' and kept geometries' hashes recomputed; the first break of each chain.
    private func historyProblems(_ access: PGAccess) throws -> [String] {
        var problems: [String] = []
        var previous = HistoryChain.genesis
        var hashes: [Int64: String] = [:]
        try access.stream("SELECT \(PGRecords.eventColumns), hash FROM events ORDER BY id", []) { r in
            let id: Int64 = r["id"] ?? 0
            var e = EventContent(subject: Subject(.parcel, ""), date: CivilDate(daysSince1970: 0), kind: .registered, recordedBy: "")
            e.subjectKind = r["subject"] ?? ""; e.subjectID = r["subject_id"] ?? ""; e.date = r["event_date"] ?? ""
            e.kind = r["kind"] ?? ""; e.status = r["status"]; e.disposalMethod = r["disposal_method"]; e.legalBasis = r["legal_basis"]
            e.amountFen = r["amount_fen"]; e.recordedBy = r["recorded_by"] ?? ""; e.note = r["note"]; e.corrects = r["corrects"]
            e.recordedAt = r["recorded_at"] ?? ""
            let stored: String = r["hash"] ?? ""
            if problems.isEmpty, stored != HistoryChain.hash(id: id, e, previous: previous) {
                problems.append("event #\(id) (\(e.subjectKind) \(e.subjectID)) does not match its hash: it, or the history before it, was changed outside landbank")
            }
            hashes[id] = stored
            previous = stored
        }
        try access.stream("""
            SELECT id, subject, subject_id, event_id, previous_geom, previous_cadastral_area_m2, previous_ellipsoidal_area_m2, hash
            FROM geometry_history ORDER BY id
            """, []) { r in
            let id: Int64 = r["id"] ?? 0
            let eventID: Int64 = r["event_id"] ?? 0
            let kind = (r["subject"] as String?).flatMap(Subject.Kind.init(rawValue:)) ?? .parcel
            let g = GeometryContent(subject: Subject(kind, r["subject_id"] ?? ""), eventID: eventID,
                                    blob: Data((r["previous_geom"] as [UInt8]?) ?? []), cadastralAreaM2: r["previous_cadastral_area_m2"],
                                    ellipsoidalAreaM2: r["previous_ellipsoidal_area_m2"] ?? .nan)
            if (r["hash"] as String?) != HistoryChain.hash(id: id, g, eventHash: hashes[eventID] ?? HistoryChain.genesis) {
                problems.append("kept geometry #\(id) (event #\(eventID)) does not match its hash: changed outside landbank")
            }
        }
        return problems
    }
}

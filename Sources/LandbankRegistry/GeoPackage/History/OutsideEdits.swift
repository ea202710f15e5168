import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// What landbank did about edits made outside it (QGIS, GDAL, SQL) when it next wrote to the registry.
public struct OutsideEditReport: Sendable, Encodable {
    /// Features whose areas were measured again, one line each ("parcel P: cadastral 6134.92 → 11242.07 m²").
    public var measured: [String]
    /// Features that could not be measured (e.g. a LineString or a SpatiaLite blob written by another tool):
    /// their areas stay stale, and the line says why.
    public var unmeasurable: [String]

    public var isEmpty: Bool { measured.isEmpty && unmeasurable.isEmpty }
}

extension GeoPackageStore {
    /// The parcels and buildings whose stored areas are stale: their geometry was changed outside landbank and
    /// has not been measured since (the capture trigger cleared `geom_sha256`).
    func staleSubjects(limit: Int = 1000) throws -> [Subject] {
        try db.read { db in
            try Subject.Kind.allCases.flatMap { k in
                try String.fetchAll(db, sql: "SELECT \(k.idColumn) FROM \(k.table) WHERE geom_sha256 IS NULL LIMIT ?",
                                    arguments: [limit]).map { Subject(k, $0) }
            }
        }
    }

    /// Seals the history rows that the capture triggers wrote, measures every stale geometry again (stored with
    /// normalised rings), and records each in the history as a `geometry` event by "landbank" naming the area
    /// change. One transaction. Run by every writing open and by `verify --repair`.
    @discardableResult
    func recordOutsideEdits() throws -> OutsideEditReport {
        let crs = try self.crs
        let processor = try FeatureProcessor(source: crs, registry: crs, srsID: srsID, fromGCJ02: false)
        return try write { db in
            let chain = try HistoryChain(db)
            var report = OutsideEditReport(measured: [], unmeasurable: [])
            for k in Subject.Kind.allCases {
                let (cad, ell) = k.areaColumns
                let rows = try Row.fetchAll(db, sql: "SELECT \(k.idColumn), geom, \(cad), \(ell) FROM \(k.table) WHERE geom_sha256 IS NULL")
                for row in rows {
                    let subject = Subject(k, row[0])
                    let out: FeatureProcessor.Output
                    do {
                        guard let g = try (row[1] as Data).withUnsafeBytes({ try GeoPackageBinary.decode($0).geometry }) else {
                            throw GeometryError(.empty)
                        }
                        out = try processor.process(g)
                    } catch {
                        report.unmeasurable.append("\(subject): \(Self.geometryProblem(error)); its areas stay stale")
                        continue
                    }
                    let change = Registry.areaChange(k, before: row[2] ?? row[3], out)
                    try Self.store(out, of: subject, in: db)
                    try chain.append(EventContent(subject: subject, date: .today(), kind: .geometry, recordedBy: "landbank",
                                                  note: "measured again after an edit outside landbank; \(change)"))
                    report.measured.append("\(subject): \(change)")
                }
            }
            return report
        }
    }

    /// A geometry problem in words, naming what another tool may have written.
    static func geometryProblem(_ error: Error) -> String {
        if let g = error as? GeometryError, case .malformed = g.kind {
            return "geometry is not a GeoPackage blob landbank can read (\(g); a SpatiaLite geometry written by GDAL's SQLite dialect?)"
        }
        if let r = error as? ImportError.Reason { return ImportError(file: "", reason: r).reasonText }
        return "\(error)"
    }
}

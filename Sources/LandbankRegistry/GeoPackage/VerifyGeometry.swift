import Foundation
import GRDB
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

extension GeoPackageStore {
    /// Geometry checks of `verify`, over both layers in one pass.
    static func verifyGeometries(_ db: Database, _ m: Measurement, _ report: inout VerifyReport, limit: Int) throws {
        var stored: [String] = [], changed: [String] = [], areas: [String] = [], validity: [String] = []
        for kind in Subject.Kind.allCases {
            let parcel = kind == .parcel
            let (cad, ell) = kind.areaColumns
            let mu = parcel ? ", cadastral_area_mu, ellipsoidal_area_mu" : ""
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(kind.idColumn), geom, geom_sha256, \(cad), \(ell)\(mu) FROM \(kind.table)
                """)
            while let row = try cursor.next() {
                let subject = Subject(kind, row[0])
                let blob: Data = row[1] ?? Data()
                let digest: String? = row[2]
                func flag(_ list: inout [String], _ text: String) {
                    list.append("\(subject): \(text)")
                    report.mismeasured.insert(subject)
                }
                if digest == nil {
                    let edit = try Row.fetchOne(db, sql: """
                        SELECT id, event_date FROM events WHERE subject = ? AND subject_id = ? AND kind = 'outside_edit'
                        ORDER BY id DESC LIMIT 1
                        """, arguments: [kind.rawValue, subject.id])
                    let when = edit.map { " (event #\($0[0] as Int64) of \($0[1] as String))" } ?? ""
                    flag(&changed, "geometry changed outside landbank\(when); its stored areas are stale — run `landbank verify --repair`")
                } else if digest != HistoryChain.sha256(blob) {
                    flag(&changed, "geometry differs from the one landbank measured (changed outside landbank with the capture triggers removed?) — run `landbank verify --repair`")
                }
                let g: Geometry
                do {
                    guard let decoded = try blob.withUnsafeBytes({ try GeoPackageBinary.decode($0) }).geometry else {
                        throw GeometryError(.empty)
                    }
                    g = decoded
                } catch {
                    stored.append("\(subject): \(geometryProblem(error))")
                    continue
                }
                if case .polygon = g { stored.append("\(subject): a Polygon stored in the MULTIPOLYGON column") }
                else if digest != nil, Data(StoredGeometry.encode(g, srsID: m.srsID)) != blob {
                    stored.append("\(subject): rings not normalised (exterior counter-clockwise, holes clockwise) or srs_id not the registry's")
                }
                do { try m.geos.validate(g) } catch { validity.append("\(subject): \(error)") }
                let storedCad: Double? = row[3], storedEll: Double? = row[4]
                let measured: GeometryMeasure.Areas
                do { measured = try m.measure.areas(of: g) } catch {
                    validity.append("\(subject): \(error)"); continue
                }
                let (planar, geodesic) = (measured.cadastral, measured.ellipsoidal)
                if let storedEll, let p = m.measure.problem(of: g, cadastralM2: storedCad, ellipsoidalM2: storedEll) {
                    flag(&areas, p)
                }
                if let p = planar, abs(p - (storedCad ?? .nan)) <= 1e-6 * max(1, p) {} else if let p = planar {
                    flag(&areas, String(format: "stored planar area %@ m², its geometry measures %.4f m²", storedCad.map { String(format: "%.4f", $0) } ?? "none", p))
                }
                if !(abs(geodesic - (storedEll ?? .nan)) <= 1e-6 * max(1, geodesic)) {
                    flag(&areas, String(format: "stored ellipsoidal area %@ m², its geometry measures %.4f m²", storedEll.map { String(format: "%.4f", $0) } ?? "none", geodesic))
                }
                if parcel {
                    for (m2, muIndex, name) in [(storedCad, 5, "cadastral"), (storedEll, 6, "ellipsoidal")] {
                        let storedMu: Double? = row[muIndex]
                        let expected = m2.map(AreaUnit.mu.fromSquareMetres)
                        if expected == nil && storedMu == nil { continue }
                        if let e = expected, let s = storedMu, abs(e - s) <= 1e-9 * max(1, e) { continue }
                        flag(&areas, "stored \(name) mu \(storedMu.map { "\($0)" } ?? "none") is not its m² / 666.67 (\(expected.map { String(format: "%.6f", $0) } ?? "none"))")
                    }
                }
            }
        }
        report.add("geometries readable and stored as landbank stores them", stored, limit: limit)
        report.add("geometries unchanged since landbank measured them", changed, limit: limit)
        report.add("stored areas and mu match the geometries", areas, limit: limit)
        report.add("geometries valid (GEOS)", validity, limit: limit)
    }
}

import Foundation
import LandbankGeodesy
import LandbankGeometry

/// What an import settles before its first feature is processed, from the first features of the file: the CRS
/// when the file declares none (`CRSInference`), whether x and y are swapped (repaired with --fix-axes, else
/// refused), BD-09 coordinates turned into GCJ-02 for the GCJ-02 step, and a hint when the file names a Chinese
/// web map but no conversion was asked for. Store-agnostic: it only wraps the source and fills the options.
struct ImportPreparation {
    /// Features read ahead; their exterior vertices (at most `samplePoints`) are the sample.
    static let readAhead = 200
    static let samplePoints = 2000

    var source: FeatureSource
    var options: ImportOptions
    var notes: [String] = []

    init(_ given: FeatureSource, options: ImportOptions, registryCRS: CoordinateReferenceSystem) throws {
        self.options = options
        let replay = ReplayingSource(given, readAhead: Self.readAhead, idField: options.idField)
        source = replay
        let features = replay.sample
        let all = features.compactMap(\.geometry).flatMap { CRSInference.samplePoints($0) }
        let step = max(1, all.count / Self.samplePoints)
        let sample = Swift.stride(from: 0, to: all.count, by: step).map { all[$0] }
        func fail(_ s: String) -> ImportError { ImportError(file: given.name, reason: .crs(s)) }
        if options.fromBD09 && options.fromGCJ02 { throw fail("--from-bd09 and --from-gcj02 exclude each other: BD-09 already includes the GCJ-02 step") }
        let geodesy = try ThreadGeodesy.current()
        var swap = false
        var confirmed = false
        /// Whether swapped coordinates read as `crs` are to be repaired: --fix-axes, else the face's answer.
        func repairs(_ crs: String) -> Bool {
            if options.fixAxes { return true }
            guard let ask = options.confirmSwappedAxes else { return false }
            let axes = (try? geodesy.crs(crs).kind) == .geographic ? "lat/lon" : "northing/easting"
            confirmed = ask("coordinates look swapped (\(axes)) in \(given.name): repair them? [y/N]")
            return confirmed
        }
        if let crs = options.crs ?? given.declaredCRS ?? given.defaultCRS {
            swap = CRSInference.axesSwapped(sample, crs: crs, area: registryCRS.areaOfUse, geodesy: geodesy)
            if swap && !repairs(crs) {
                throw fail("swapped axes suspected: read as \(crs) the coordinates lie outside its area of use, swapped they lie inside; re-run with --fix-axes")
            }
        } else {
            switch CRSInference.infer(sample, registry: registryCRS, geodesy: geodesy) {
            case .inferred(let r, let because):
                if r.swapped && !repairs(r.crs) {
                    throw fail("the file names no CRS; its coordinates fit \(r) — swapped axes suspected, re-run with --fix-axes (and --crs \(r.crs) to confirm)")
                }
                self.options.crs = r.crs
                swap = r.swapped
                notes.append("CRS inferred from the coordinates: \(r.crs) (\(r.title)), \(because); say otherwise with --crs")
            case .ambiguous(let readings):
                let shown = readings.prefix(6).map(\.description).joined(separator: "; ")
                throw fail("the file names no CRS and its coordinates fit \(readings.count) readings: \(shown)\(readings.count > 6 ? "; …" : ""); choose one with --crs")
            case .unknown(let why):
                throw fail("the file names no CRS and landbank cannot infer it: \(why); say which with --crs (e.g. --crs EPSG:4547)")
            }
        }
        if swap {
            // Confirmed at the prompt counts as --fix-axes from here on (the likely-cause check reads it).
            self.options.fixAxes = true
            notes.append("x and y swapped in every feature (\(confirmed ? "confirmed at the prompt" : "--fix-axes"))")
        }
        if options.fromBD09 { self.options.fromGCJ02 = true }
        let bd09 = options.fromBD09
        if swap || bd09 {
            replay.map = { f in
                var g = f
                do throws(GeometryError) {
                    if swap { g.geometry = try g.geometry?.mappingPoints { Point(x: $0.y, y: $0.x) } }
                    if bd09 { g.geometry = try g.geometry?.mappingPoints(BD09.toGCJ02) }
                } catch {
                    throw ImportError(file: given.name, position: given.position(of: f), featureID: f.id, reason: .geometry(error))
                }
                return g
            }
        }
        if !options.fromGCJ02 && !options.fromBD09, let web = Self.webMap(given.name, features) {
            notes.append("hint: " + web.hint)
        }
    }

    /// The web map named by the file's name or its first features' property keys and text values.
    static func webMap(_ name: String, _ features: [Feature]) -> WebMapSource? {
        var texts = [name]
        for f in features.prefix(20) {
            for m in f.properties {
                texts.append(m.key)
                if case .string(let s) = m.value, s.utf8.count < 200 { texts.append(s) }
            }
        }
        return WebMapSource.named(in: texts)
    }
}

extension ImportError {
    /// The error with the likely cause of a point outside the registry's area of use, found by trying the usual
    /// mistakes on the point as the file gave it (`OutsideCause`).
    func withLikelyCause(sourceCRS: String?, registryCRS: CoordinateReferenceSystem, swapped: Bool) -> ImportError {
        guard case .outsideAreaOfUse(let lon, let lat, _, _) = reason, let sourceCRS, let area = registryCRS.areaOfUse,
              let geodesy = try? ThreadGeodesy.current(),
              let back = try? geodesy.transformation(from: "EPSG:4326", to: sourceCRS).transform(Point(x: lon, y: lat)) else { return self }
        let given = swapped ? Point(x: back.y, y: back.x) : back
        var e = self
        e.cause = OutsideCause.diagnose(given, crs: sourceCRS, registryArea: area, geodesy: geodesy)
        return e
    }
}

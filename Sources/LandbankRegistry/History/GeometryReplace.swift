import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

extension Registry {
    /// Replaces a parcel's or building's geometry. The new one goes through the same checks and measurements
    /// as an import; the previous geometry and its areas are kept in the history, tied to a `geometry` event.
    /// A building's new footprint must lie on its parcel.
    @discardableResult
    public func replaceGeometry(of subject: Subject, with geometry: Geometry, crs crsText: String? = nil,
                                date: CivilDate, recordedBy: String, note: String? = nil) throws -> HistoryEvent {
        let source = try crsText.map(makeCRS) ?? crs
        let processor = try FeatureProcessor(source: source, registry: crs, srsID: store.srsID, fromGCJ02: false)
        let out: FeatureProcessor.Output
        do { out = try processor.process(geometry) } catch {
            throw LifecycleError(subject, ImportError(file: "new geometry", reason: error).reasonText)
        }
        return try store.write { w in
            guard let old = try w.geometryRecord(of: subject) else {
                throw LifecycleError(subject, "no such \(subject.kind.rawValue) in the registry", notFound: true)
            }
            if subject.kind == .building, let parcelID = try w.building(id: subject.id)?.parcelID,
               let parcel = try w.parcel(id: parcelID)?.geometry,
               try !processor.geos.covers(.multiPolygon(parcel), .multiPolygon(out.geometry), tolerance: BuildingWriter.tolerance) {
                throw LifecycleError(subject, "the new footprint does not lie on parcel \(parcelID)")
            }
            return try Self.replaceStoredGeometry(of: subject, old: old, with: out, date: date, recordedBy: recordedBy,
                                                  note: note, in: w)
        }
    }

    /// The replacement itself, inside the caller's write transaction (`replaceGeometry`, `import --update`): a
    /// `geometry` event saying how the area changed, the previous geometry kept under it, the new one stored
    /// with its areas.
    static func replaceStoredGeometry(of subject: Subject, old: GeometryRecord, with out: FeatureProcessor.Output,
                                      date: CivilDate, recordedBy: String, note: String?, in w: any StoreWriter) throws -> HistoryEvent {
        let change = Self.areaChange(subject.kind, before: old.cadastralAreaM2 ?? old.ellipsoidalAreaM2, out)
        let event = try Self.append(NewEvent(subject: subject, date: date, recordedBy: recordedBy,
                                             note: [note ?? "geometry replaced", change].joined(separator: "; ")),
                                    kind: .geometry, in: w)
        try w.keepGeometry(old, of: subject, eventID: event.id)
        try w.storeGeometry(out, of: subject)
        return event
    }

    /// "cadastral area 6134.92 → 11242.07 m²" (footprint for a building, ellipsoidal in a geographic registry).
    static func areaChange(_ k: Subject.Kind, before: Double?, _ out: FeatureProcessor.Output) -> String {
        let which = out.cadastralAreaM2 == nil ? "ellipsoidal" : (k == .parcel ? "cadastral" : "footprint")
        return String(format: "%@ area %.2f → %.2f m²", which, before ?? .nan, out.cadastralAreaM2 ?? out.ellipsoidalAreaM2)
    }
}

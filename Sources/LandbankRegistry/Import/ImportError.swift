import Foundation
import LandbankGeodesy
import LandbankGeometry

/// Why an import was refused: which file, which feature (1-based position and id) and why. Nothing was written.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Error, Sendable {
        case unreadable(String)
        case geometry(GeometryError)
        /// GEOS found the geometry invalid; the location is given in the registry CRS and in lon/lat.
        case invalid(reason: String, at: Point?, lonLat: Point?, crs: String)
        case transform(TransformError)
        case outsideAreaOfUse(lon: Double, lat: Double, crs: String, area: String)
        case missingGeometry
        case missingID(String)
        case duplicateID(String, firstPosition: String?)
        case badAttribute(String)
        case crs(String)
        /// The file is of a kind landbank does not read (a Shapefile, GPX, KML...): what it is and what to do,
        /// e.g. "an ESRI Shapefile, which landbank does not read (yet); convert it with `ogr2ogr ...`".
        case unsupportedFormat(String)
        /// A geometry the registry's CRS cannot hold or measure truthfully: coordinates no CRS could mean, an
        /// edge across 180°, cadastral and ellipsoidal areas the projection cannot reconcile.
        case measure(MeasureError)
        /// `--make-valid` would repair GEOS's complaint only by changing the area by `change` (a fraction, e.g.
        /// 0.12 for 12%), more than the `limit` allowed.
        case repairRefused(reason: String, change: Double, limit: Double, at: Point?, lonLat: Point?, crs: String)
    }

    public var file: String
    /// "feature 3" or "line 4"; nil for a problem with the file as a whole.
    public var position: String?
    public var featureID: String?
    /// Where in the file: "line 6, column 164".
    public var location: String?
    public var reason: Reason
    /// The reader stands at the next feature: the import may go on and list the file's other problems.
    /// Readers say so for a bad feature in a sound file; broken JSON or a failing read stops the file.
    public var recoverable = false
    /// The import's entry in the registry's log, when it was logged: its number and its counts by rule.
    public var record: ImportRecord?
    /// The rule broken, where the reason alone does not tell it (a footprint off its parcel, a refused status).
    var rule: ImportIssue.Rule?
    /// The likely cause, when one was found (a coordinate outside the area of use: swapped axes, wrong zone...).
    public var cause: String?

    public init(file: String, position: String? = nil, featureID: String? = nil, location: String? = nil,
                reason: Reason) {
        self.file = file
        self.position = position
        self.featureID = featureID
        self.location = location
        self.reason = reason
    }

    public var description: String {
        if case .unsupportedFormat(let what) = reason { return "\(file) is \(what)" }
        var head = file
        if let position {
            head += ": \(position)"
            if let featureID { head += " (id \(DisplayText.quoted(featureID)))" }
        }
        if let location { head += position == nil ? ": \(location)" : " at \(location)" }
        return head + ": " + reasonText + " — nothing was imported" + (record.map(Self.more) ?? "")
    }

    /// "; 6 problems, 5 features rejected (import #3 in `landbank issues`)" when this is not the file's only one.
    static func more(_ r: ImportRecord) -> String {
        guard r.issueCount > 1 else { return "" }
        return "; \(r.issueCount) problems, \(r.rejected) features rejected (import #\(r.id) in `landbank issues`)"
    }

    var reasonText: String {
        switch reason {
        case .unreadable(let s): return s
        case .geometry(let g): return g.description
        case .invalid(let reason, let at, let lonLat, let crs):
            var s = "invalid geometry: \(reason)"
            if let lonLat { s += " near lon \(Self.fixed(lonLat.x, 7)), lat \(Self.fixed(lonLat.y, 7))" }
            if let at { s += " (x \(Self.fixed(at.x, 3)), y \(Self.fixed(at.y, 3)) in \(crs))" }
            return s
        case .transform(let t): return t.description
        case .outsideAreaOfUse(let lon, let lat, let crs, let area):
            return "coordinate (lon \(lon), lat \(lat)) lies outside the area of use of \(crs) (\(area)); " + (cause ?? "latitude and longitude swapped, or the wrong --crs?")
        case .missingGeometry: return "feature has no geometry"
        case .missingID(let hint): return "feature has no parcel id (\(hint))"
        case .duplicateID(let id, let first):
            return "duplicate parcel id \(DisplayText.quoted(id))" + (first.map { " (also at \($0) of this file)" } ?? " (already in the registry)")
        case .badAttribute(let s): return s
        case .crs(let s): return s
        case .unsupportedFormat(let s): return s
        case .measure(let m): return m.description
        case .repairRefused(let reason, let change, let limit, let at, let lonLat, let crs):
            let invalid = ImportError(file: "", reason: .invalid(reason: reason, at: at, lonLat: lonLat, crs: crs)).reasonText
            return invalid + "; GEOS MakeValid would change the area by " + Self.percent(change)
                + ", more than --max-repair-change " + Self.percent(limit)
        }
    }

    static func fixed(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }
    /// A fraction as a percentage with three decimals: 0.0012 → "0.120%".
    static func percent(_ f: Double) -> String { String(format: "%.3f%%", f * 100) }
}

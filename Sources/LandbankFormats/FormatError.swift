import LandbankGeometry

/// Why a file read through GDAL (or a ledger or boundary-point file) could not be read: which file, which
/// feature or row, and why, in one line. The import turns it into an `ImportError`.
public struct FormatError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Error, Sendable {
        /// The file, a layer or a record cannot be read; GDAL's own message when it gave one.
        case unreadable(String)
        /// A geometry refused as every other reader refuses it: the wrong type, too few points, empty...
        case geometry(GeometryError)
    }

    public var file: String
    /// "feature 3", "row 4", "parcel 2"; nil for the file as a whole.
    public var position: String?
    public var featureID: String?
    /// "line 6" where the format has lines.
    public var location: String?
    public var reason: Reason

    public init(file: String, position: String? = nil, featureID: String? = nil, location: String? = nil, reason: Reason) {
        self.file = file
        self.position = position
        self.featureID = featureID
        self.location = location
        self.reason = reason
    }

    public init(file: String, position: String? = nil, featureID: String? = nil, _ message: String) {
        self.init(file: file, position: position, featureID: featureID, reason: .unreadable(message))
    }

    public var reasonText: String {
        switch reason {
        case .unreadable(let s): return s
        case .geometry(let g): return g.description
        }
    }

    public var description: String {
        var head = file
        if let position { head += ": \(position)" }
        if let featureID { head += " (id \(DisplayText.quoted(featureID)))" }
        if let location { head += " at \(location)" }
        return head + ": " + reasonText
    }
}

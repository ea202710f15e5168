import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

public struct ImportOptions: Sendable {
    /// CRS of the input coordinates, overriding what the file declares.
    public var crs: String?
    /// The input is GCJ-02 lon/lat copied from a Chinese web map; convert it to WGS84 first.
    public var fromGCJ02 = false
    /// The input is BD-09 lon/lat from Baidu Maps; convert it to GCJ-02 and then to WGS84 first.
    public var fromBD09 = false
    /// Swap x and y of every feature when the coordinates are found swapped (else such a file is refused).
    public var fixAxes = false
    /// The property holding the feature's id, when it is not the feature id or an id/code property.
    public var idField: String?
    /// Who records the import, written into the history's first events.
    public var recordedBy: String
    /// The date of the imported statuses when a feature gives none (`status_date` or `disposed_on`).
    public var statusDate: CivilDate

    public init(crs: String? = nil, fromGCJ02: Bool = false, idField: String? = nil,
                recordedBy: String = "import", statusDate: CivilDate = .today()) {
        self.crs = crs
        self.fromGCJ02 = fromGCJ02
        self.idField = idField
        self.recordedBy = recordedBy
        self.statusDate = statusDate
    }
}

public struct ImportSummary: Sendable, Encodable {
    public var file: String
    public var sourceCRS: String
    public var imported: AreaTotals
    /// What the import inferred or repaired, and hints (the CRS read from the coordinates, axes swapped, a web map's name).
    public var notes: [String] = []

    enum CodingKeys: String, CodingKey { case file, sourceCRS = "source_crs", imported, notes }
}

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
    /// Import the good features and log the rest (ogr2ogr's -skipfailures, but reported); by default one
    /// rejected feature means nothing is written.
    public var skipInvalid = false
    /// Repair invalid polygons with GEOS MakeValid when the area changes by at most this fraction (0.001 is
    /// 0.1%); nil: an invalid polygon is rejected.
    public var maxRepairChange: Double?
    /// Match parcels by id: add new ones, record changes to existing ones in their history, list the ones
    /// the file no longer holds (never deleted).
    public var update = false
    /// Work out everything, report it, write nothing (not even the log).
    public var dryRun = false
    /// SHA-256 of the input file, for the log (see `FileDigest`); nil for a pipe.
    public var fileSHA256: String?
    /// `--dry-run` and `--update`: told of each parcel added, changed or missing, in file order (missing last).
    public var onChange: (@Sendable (ParcelChange) -> Void)?
    /// Asked, when the coordinates look swapped and `fixAxes` is false, whether to swap them (true: as
    /// `fixAxes` would). Set by a face that can ask someone (the CLI on a terminal); the library never reads
    /// standard input. Nil: such a file is refused, naming --fix-axes.
    public var confirmSwappedAxes: (@Sendable (_ question: String) -> Bool)?

    public static let defaultMaxRepairChange = 0.001

    public init(crs: String? = nil, fromGCJ02: Bool = false, idField: String? = nil,
                recordedBy: String = "import", statusDate: CivilDate = .today(), skipInvalid: Bool = false,
                maxRepairChange: Double? = nil, update: Bool = false, dryRun: Bool = false, fileSHA256: String? = nil) {
        self.skipInvalid = skipInvalid
        self.maxRepairChange = maxRepairChange
        self.update = update
        self.dryRun = dryRun
        self.fileSHA256 = fileSHA256
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
    /// The features written (added, in an update), with their areas.
    public var imported: AreaTotals
    /// What the import inferred or repaired, and hints (the CRS read from the coordinates, axes swapped, a web map's name).
    public var notes: [String] = []
    /// The import's entry in the log, with its counts (id 0 for a dry run, which is not logged).
    public var log: ImportRecord

    enum CodingKeys: String, CodingKey { case file, sourceCRS = "source_crs", imported, log, notes }

    /// "import", "skip-invalid,make-valid"…: the options that change what an import does.
    static func mode(_ o: ImportOptions) -> String {
        var parts: [String] = []
        if o.update { parts.append("update") }
        if o.skipInvalid { parts.append("skip-invalid") }
        if o.maxRepairChange != nil { parts.append("make-valid") }
        return parts.isEmpty ? "all-or-nothing" : parts.joined(separator: ",")
    }
}

/// One parcel's fate in an update: added, changed (which fields), or in the registry but not in the file.
public struct ParcelChange: Sendable, Encodable, Equatable {
    public enum Kind: String, Sendable, Encodable { case added, changed, missing }
    public var kind: Kind
    public var parcelID: String
    /// The 1-based position in the file (nil for a missing parcel).
    public var position: Int?
    /// The fields that changed: name, zone, land_use, status, disposal_method, properties, geometry.
    public var fields: [String]
    /// "zone 光明片区 → 袁河片区; cadastral area 6134.92 → 6200.00 m²".
    public var detail: String

    enum CodingKeys: String, CodingKey { case kind, parcelID = "parcel_id", position, fields, detail }
}

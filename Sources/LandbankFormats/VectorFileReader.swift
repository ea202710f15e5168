import CGDAL
import Foundation
import LandbankGeometry

/// Features of one layer of a file GDAL reads (see `VectorFormat`), one at a time: attributes as properties,
/// geometry through landbank's WKB reader. Memory stays flat: GDAL reads record by record.
///
/// A Shapefile's text is decoded as its .cpg says, else as its .dbf header's language driver says, else as
/// `ShapefileEncoding.detect` finds (UTF-8 or GB18030); `encoding` overrides all three.
/// A DXF drawing's closed polylines are parcels as its hatches are; its other entities (texts, open lines,
/// points, blocks) are annotations and are passed over, counted in `skipped`.
/// Thread rule: one thread at a time (GDAL's rule for a dataset); it may be opened on one thread and read on another.
public final class VectorFileReader {
    public let name: String
    public let format: VectorFormat
    /// The CRS the file declares, as PROJ reads it; nil when it declares none.
    public let crs: String?
    /// The encoding used for a Shapefile's or TAB file's text, and how it was chosen, for the import's summary.
    public let encoding: String?
    public let layerName: String
    /// Entities passed over (DXF only).
    public private(set) var skipped = 0
    private let dataset: GDALDataset
    private let layer: GDALLayer
    private var index = 0

    public init(path: String, format: VectorFormat, layer: String? = nil, encoding: String? = nil) throws(FormatError) {
        name = (path as NSString).lastPathComponent
        self.format = format
        var options: [String] = []
        var chosen: String? = nil
        if format.takesEncoding {
            if let encoding {
                chosen = "\(encoding) (--encoding)"
                options.append("ENCODING=\(encoding)")
            } else if format == .shapefile, let found = try ShapefileEncoding.detect(shp: path) {
                chosen = "\(found.encoding) (\(found.how))"
                if found.openOption { options.append("ENCODING=\(found.encoding)") }
            }
        }
        self.encoding = chosen
        // Thread-local, so that other threads' GDAL calls are untouched; the sheet is parsed when its layer is
        // first looked at, which `layer(named:)` does before they are cleared.
        for (k, v) in format.configOptions { CPLSetThreadLocalConfigOption(k, v) }
        defer { for (k, _) in format.configOptions { CPLSetThreadLocalConfigOption(k, nil) } }
        dataset = try GDALDataset(path: path, file: name, what: format.title, drivers: format.drivers, openOptions: options)
        self.layer = try dataset.layer(named: layer)
        layerName = self.layer.name
        crs = self.layer.crs
    }

    /// "feature 3" (of the layer, when the file has several).
    /// The attribute columns (a ledger's header).
    public var columns: [String] { layer.columns }
    /// False for a spreadsheet, whose geometry is in a WKT column or in x/y columns (`LedgerReader`).
    public var hasGeometry: Bool { layer.hasGeometry }

    public func position(_ index: Int) -> String {
        dataset.layerCount > 1 ? "feature \(index + 1) of layer \(layerName)" : "feature \(index + 1)"
    }

    public func next() throws(FormatError) -> Feature? {
        while let f = try layer.next() {
            let i = index
            index += 1
            let properties: [JSONMember]
            do { properties = try f.properties() } catch { throw FormatError(file: name, position: position(i), reason: error) }
            let geometry: Geometry?
            do {
                geometry = try f.geometry(closingLines: format == .dxf)
            } catch {
                if format == .dxf, case .wrongGeometryType(let t) = error.kind, Self.isAnnotation(t) { skipped += 1; continue }
                throw FormatError(file: name, position: position(i), featureID: Self.id(in: properties), reason: .geometry(error))
            }
            if format == .dxf && geometry == nil { skipped += 1; continue }
            return Feature(index: i, id: nil, properties: properties, geometry: geometry)
        }
        return nil
    }

    /// The geometry types of a drawing's annotations: points, texts, open lines.
    static func isAnnotation(_ type: String) -> Bool {
        ["Point", "MultiPoint", "LineString", "MultiLineString", "CircularString", "CompoundCurve", "MultiCurve"]
            .contains { type == $0 || type.hasPrefix($0 + " ") }
    }

    /// A likely id for an error message: the first of the usual id properties.
    static func id(in properties: [JSONMember]) -> String? {
        for key in ["parcel_id", "id", "code", "Name", "name"] {
            if let m = properties.first(where: { $0.key == key }), case .string(let s) = m.value { return s }
        }
        return nil
    }
}

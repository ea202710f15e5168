import Foundation
import LandbankFormats
import LandbankGeometry

/// A file read through GDAL (`VectorFileReader`): a Shapefile, DXF, KML, MapInfo TAB or File Geodatabase layer.
/// KML is WGS 84 lon/lat by definition; the others declare their CRS (.prj, the TAB header, the geodatabase)
/// or leave it to --crs and the import's inference.
final class GDALFeatureSource: FeatureSource {
    let name: String
    let declaredCRS: String?
    var defaultCRS: String? { reader.format == .kml ? "EPSG:4326" : nil }
    let reader: VectorFileReader

    init(_ reader: VectorFileReader) {
        self.reader = reader
        name = reader.name
        declaredCRS = reader.crs
    }

    func position(of feature: Feature) -> String { reader.position(feature.index) }

    /// A DXF drawing has no multipolygons: a parcel of two pieces is two closed shapes, one after the other,
    /// carrying the same id (its layer or label). With --id-field they are joined into one parcel.
    private var joinField: String?
    private var pending: Feature?

    func useIDField(_ field: String) { if reader.format == .dxf { joinField = field } }

    func next() throws -> Feature? {
        guard let field = joinField else { return try read() }
        guard var first = try pending ?? read() else { return nil }
        pending = nil
        let id = first.properties.first { $0.key == field }?.value
        var parts = first.geometry.map { $0.asMultiPolygon.polygons } ?? []
        while let f = try read() {
            guard id != nil, f.properties.first(where: { $0.key == field })?.value == id else { pending = f; break }
            parts += f.geometry.map { $0.asMultiPolygon.polygons } ?? []
        }
        if parts.count > 1 {
            do { first.geometry = .multiPolygon(try MultiPolygon(parts)) } catch {
                throw ImportError(file: name, position: position(of: first), reason: .geometry(error))
            }
        }
        return first
    }

    private func read() throws -> Feature? {
        do { return try reader.next() } catch { throw ImportError(error) }
    }
}

/// A ledger (an Excel sheet or a CSV file) whose geometry is a WKT column or one row per boundary point.
final class LedgerFeatureSource: FeatureSource {
    let name: String
    var declaredCRS: String? { nil }
    var defaultCRS: String? { nil }
    let reader: LedgerReader
    private let rowName: (Int) -> String

    init(_ reader: LedgerReader, rowName: @escaping (Int) -> String) {
        self.reader = reader
        self.rowName = rowName
        name = reader.name
    }

    func position(of feature: Feature) -> String {
        if case .vertices = reader.layout { return "parcel \(feature.index + 1)" }
        return rowName(feature.index)
    }

    func useIDField(_ field: String) { reader.idColumn = field }

    func next() throws -> Feature? {
        do { return try reader.next() } catch { throw ImportError(error) }
    }
}

extension ImportError {
    init(_ e: FormatError) {
        let reason: Reason = switch e.reason {
        case .geometry(let g): .geometry(g)
        case .unreadable(let s): .unreadable(s)
        }
        self.init(file: e.file, position: e.position, featureID: e.featureID, location: e.location, reason: reason)
    }
}

extension FeatureSources {
    /// A file of one of `VectorFormat`'s formats; an Excel workbook is read as a ledger.
    static func gdal(_ path: String, format: VectorFormat, layer: String?, encoding: String?) throws -> FeatureSource {
        let reader: VectorFileReader
        do { reader = try VectorFileReader(path: path, format: format, layer: layer, encoding: encoding) } catch { throw ImportError(error) }
        guard format == .xlsx || !reader.hasGeometry else { return GDALFeatureSource(reader) }
        guard let layout = LedgerLayout.of(columns: reader.columns) else {
            throw ImportError(file: reader.name, reason: .unreadable(LedgerLayout.missing))
        }
        let idColumn = reader.columns.first { ParcelAttributes.idKeys.contains($0.lowercased()) }
        // A sheet's first row is its header: data starts on row 2.
        let ledger = LedgerReader(name: reader.name, layout: layout, idColumn: idColumn, rows: { () throws(FormatError) in try reader.next() },
                                  rowPosition: { "row \($0.index + 2)" })
        return LedgerFeatureSource(ledger, rowName: { "row \($0 + 2)" })
    }

    /// A CSV file: the streaming WKT reader when it has a WKT column, a vertex ledger when it has x/y columns.
    static func csv(_ path: String, delimiter: CSVDelimiter) throws -> FeatureSource {
        let name = (path as NSString).lastPathComponent
        let rows: CSVReader
        do { rows = try CSVReader(path: path, delimiter: delimiter) } catch { throw ImportError(file: name, reason: .unreadable(error.description)) }
        guard case .vertices = LedgerLayout.of(columns: rows.header) else {
            return try CSVFeatureSource(path: path, delimiter: delimiter)
        }
        let layout = LedgerLayout.of(columns: rows.header)!
        let idColumn = rows.header.first { ParcelAttributes.idKeys.contains($0.lowercased()) }
        var lines: [Int: Int] = [:]
        let ledger = LedgerReader(name: name, layout: layout, idColumn: idColumn, rows: { () throws(FormatError) -> Feature? in
            let record: CSVRecord?
            do { record = try rows.next() } catch { throw FormatError(file: name, "\(error)") }
            guard let record else { return nil }
            lines = [record.index: record.line]
            let props = zip(rows.header, record.fields).filter { !$0.1.isEmpty }.map { JSONMember($0.0, .string($0.1)) }
            return Feature(index: record.index, id: nil, properties: props, geometry: nil)
        }, rowPosition: { f in "line \(lines[f.index] ?? f.index + 2)" })
        return LedgerFeatureSource(ledger, rowName: { "row \($0 + 1)" })
    }
}

import Foundation
import LandbankFormats
import LandbankGeometry

/// Opens an input file as a `FeatureSource`, choosing the reader by what the file holds (see `FileKind`):
/// GeoJSON and GeoPackage by content whatever the name, CSV by extension (.tsv is tab-separated).
public enum FeatureSources {
    /// `encoding` overrides what a Shapefile's or TAB file's text is read as (GDAL's names: GB18030, UTF-8, CP936),
    /// and a boundary-point file's (UTF-8, GBK, GB18030).
    public static func open(_ path: String, layer: String? = nil, encoding: String? = nil) throws -> FeatureSource {
        if path != "-", !FileManager.default.fileExists(atPath: path) {
            throw RegistryError(path: path, kind: .notFound, "no such file — nothing was imported")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        // Formats GDAL reads, by extension (a File Geodatabase is a folder); the rest by content.
        if path != "-", let format = VectorFormat.of(path: path) {
            return try gdal(path, format: format, layer: layer, encoding: encoding)
        }
        if path != "-", BoundaryPointSource.sniff(path) { return try BoundaryPointSource(path: path, encoding: encoding) }
        switch FileKind.of(path: path) {
        case .csv: return try csv(path, delimiter: ext == "tsv" ? .tab : .comma)
        case .geoPackage: return try GeoPackageLayerSource(path: path, layer: layer)
        case .geoJSON: return try GeoJSONFeatureSource(path: path)
        case .refused(let what): throw ImportError(file: (path as NSString).lastPathComponent, reason: .unsupportedFormat(what))
        }
    }

    /// A GeoJSON FeatureCollection read from any open file descriptor (a pipe, a socket, an upload), streamed;
    /// `name` is what errors call it. The descriptor stays the caller's to close.
    public static func geoJSON(fileDescriptor fd: Int32, name: String) throws -> FeatureSource {
        try GeoJSONFeatureSource(reader: GeoJSONReader(fileDescriptor: fd, name: name), name: name)
    }
}

/// A GeoJSON FeatureCollection, streamed. Without a `crs` member it is RFC 7946: WGS 84 lon/lat.
final class GeoJSONFeatureSource: FeatureSource {
    let name: String
    let declaredCRS: String?
    var defaultCRS: String? { "EPSG:4326" }
    private let reader: GeoJSONReader

    convenience init(path: String) throws {
        let name = path == "-" ? "<stdin>" : (path as NSString).lastPathComponent
        do {
            try self.init(reader: try GeoJSONReader(path: path), name: name)
        } catch let e as GeoJSONReadError {
            throw Self.importError(e, file: name)
        }
    }

    init(reader: GeoJSONReader, name: String) throws {
        self.name = name
        self.reader = reader
        do { declaredCRS = try reader.header().crsName } catch { throw Self.importError(error, file: name) }
    }

    func next() throws -> Feature? {
        do { return try reader.next() } catch { throw Self.importError(error, file: name) }
    }

    static func importError(_ e: GeoJSONReadError, file: String) -> ImportError {
        let place = e.line > 0 ? "line \(e.line), column \(e.column)" : nil
        let position = e.featureIndex.map { "feature \($0 + 1)" }
        let reason: ImportError.Reason
        switch e.reason {
        case .geometry(let g): reason = .geometry(g)
        case .wrongGeometryType(let t): reason = .geometry(GeometryError(.wrongGeometryType(t)))
        default: reason = .unreadable(e.reason.description)
        }
        var error = ImportError(file: file, position: position, featureID: e.featureID, location: place, reason: reason)
        error.recoverable = e.isRecoverable
        return error
    }
}

/// A CSV file with a header row and a WKT geometry column (wkt, geometry, geom, the_geom or shape).
/// Other columns become string properties; empty cells are left out.
final class CSVFeatureSource: FeatureSource {
    static let geometryColumns = ["wkt", "geometry", "geom", "the_geom", "shape"]

    let name: String
    var declaredCRS: String? { nil }
    var defaultCRS: String? { nil }
    private let reader: CSVReader
    private let geometryIndex: Int

    init(path: String, delimiter: CSVDelimiter) throws {
        name = (path as NSString).lastPathComponent
        do { reader = try CSVReader(path: path, delimiter: delimiter) } catch {
            throw ImportError(file: name, reason: .unreadable(error.description))
        }
        let lower = reader.header.map { $0.lowercased() }
        guard let g = Self.geometryColumns.lazy.compactMap({ lower.firstIndex(of: $0) }).first else {
            throw ImportError(file: name, reason: .unreadable(
                "no geometry column; name one of: \(Self.geometryColumns.joined(separator: ", "))"))
        }
        geometryIndex = g
    }

    func position(of feature: Feature) -> String { "row \(feature.index + 1)" }

    func next() throws -> Feature? {
        let record: CSVRecord
        do {
            guard let r = try reader.next() else { return nil }
            record = r
        } catch {
            throw ImportError(file: name, reason: .unreadable(error.description))
        }
        var props: [JSONMember] = []
        for (i, key) in reader.header.enumerated() where i != geometryIndex && !record.fields[i].isEmpty {
            props.append(JSONMember(key, .string(record.fields[i])))
        }
        let wkt = record.fields[geometryIndex]
        let feature = Feature(index: record.index, id: nil, properties: props, geometry: nil)
        do {
            let g = try WKT.parse(wkt)
            return Feature(index: record.index, id: nil, properties: props, geometry: g.geometry)
        } catch {
            let reason: ImportError.Reason
            if case .geometry(let ge) = error.reason { reason = .geometry(ge) } else { reason = .unreadable(error.description) }
            let id = props.first { ParcelAttributes.idKeys.contains($0.key) }.flatMap { if case .string(let s) = $0.value { s } else { nil } }
            var e = ImportError(file: name, position: position(of: feature), featureID: id, location: "line \(record.line)",
                                reason: reason)
            e.recoverable = true  // the record was read whole; the next one follows
            throw e
        }
    }
}

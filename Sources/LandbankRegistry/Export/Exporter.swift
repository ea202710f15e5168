import Foundation
import LandbankFormats
import LandbankGeodesy
import LandbankGeometry

/// The feature layers of a registry.
public enum Layer: String, CaseIterable, Sendable {
    case parcels, buildings
}

public struct ExportOptions: Sendable {
    static func check(_ o: ExportOptions, path: String) throws {
        if let d = o.decimals, !(0...maximumDecimals).contains(d) {
            throw RegistryError(path: path, kind: .invalidArgument,
                                "\(d) decimals: coordinates are written with 0 to \(maximumDecimals) decimals")
        }
        if let e = o.encoding {
            guard let known = TextEncoding(name: e) else {
                throw RegistryError(path: path, kind: .invalidArgument, "\(e) is not an encoding landbank writes; use \(TextEncoding.names)")
            }
            if known != .utf8 && o.format == .geoJSON {
                throw RegistryError(path: path, kind: .invalidArgument, "GeoJSON is UTF-8 by definition (RFC 8259); --encoding \(e) is for the 报部坐标 format")
            }
        }
    }

    public var layer: Layer
    /// For buildings: the status is the building's own, the zone its parcel's.
    public var filter: ParcelFilter
    /// Keep coordinates in this CRS and name it in a `crs` member; nil writes RFC 7946 WGS 84 lon/lat.
    public var crs: String?
    /// Decimals of coordinates: default 7 for lon/lat (about 1 cm), 3 for metres; at most `maximumDecimals`.
    public var decimals: Int?

    /// The most decimals the coordinate writer formats (`DecimalFormat` in LandbankGeometry checks the same bound):
    /// a double carries at most 17 significant digits, so more decimals mean nothing.
    public static let maximumDecimals = 17

    /// A site query selecting the parcels (for buildings: the parcels they stand on); its status and zone
    /// are `filter`'s, its limit and page are ignored. Nil: `filter` alone.
    public var query: ParcelQuery?
    /// GeoJSON, or the boundary-point format of China's land reporting.
    public var format: ExportFormat = .geoJSON
    /// The boundary-point format's text encoding: UTF-8 (nil), GBK or GB18030 (a name `TextEncoding` knows).
    public var encoding: String?

    public init(layer: Layer = .parcels, filter: ParcelFilter = ParcelFilter(), query: ParcelQuery? = nil, crs: String? = nil,
                decimals: Int? = nil) {
        self.layer = layer
        self.filter = filter
        self.query = query
        self.crs = crs
        self.decimals = decimals
    }
}

extension Registry {
    /// Writes the parcels (or buildings) matching the filter as a GeoJSON FeatureCollection to `path` ("-" for
    /// standard output), streaming. A file is written beside its target and renamed over it when complete; the
    /// registry itself, any SQLite file, and anything that is not a regular file are refused (`OutputTarget`).
    /// Returns the number of features written.
    @discardableResult
    public func export(to path: String, options: ExportOptions = ExportOptions(),
                       progress: ((Int) -> Void)? = nil) throws -> Int {
        try ExportOptions.check(options, path: path)
        let output = try OutputFile(path: path, registry: self.path)
        do {
            let count = try export(options: options, progress: progress) { try output.write($0) }
            try output.commit()
            return count
        } catch {
            output.discard()
            throw error
        }
    }

    /// Writes the layer as a GeoJSON FeatureCollection to any sink (a socket, a pipe, a buffer), streaming: the
    /// sink gets the bytes in chunks as they are made, and nothing is built whole in memory. A failure part-way
    /// leaves the sink with a truncated document: a sink that must not show one discards it on the error.
    @discardableResult
    public func export(options: ExportOptions = ExportOptions(), progress: ((Int) -> Void)? = nil,
                       to sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try ExportOptions.check(options, path: path)
        if options.format == .boundaryPoints {
            return try withoutActuallyEscaping(sink) { try exportBoundaryPoints(options: options, progress: progress, to: $0) }
        }
        let target = try makeCRS(options.crs ?? "EPSG:4326")
        let rfc7946 = options.crs == nil
        let transform = try transformation(from: store.crsDefinition, to: target.definition)
        let decimals = options.decimals ?? (target.kind == .geographic ? 7 : 3)
        let crsName = rfc7946 ? nil : target.code.map { "urn:ogc:def:crs:\(target.authority ?? "EPSG")::\($0)" } ?? target.definition
        // The site query picks parcels; for buildings the filter's status is the building's own.
        let only = try options.query.flatMap { q -> Set<String>? in
            var site = q
            site.status = options.layer == .parcels ? options.filter.status : nil
            site.zone = options.filter.zone
            return try selectedIDs(site)
        }
        // The writer keeps its sink only while this call runs.
        return try withoutActuallyEscaping(sink) { sink in
            var writer = GeoJSONWriter(decimals: decimals, crsName: crsName, name: options.layer.rawValue, sink: sink)
            try store.forEachFeature(options.layer, filter: options.filter) { f in
                if let only, !only.contains(f.parcelID) { return }
                let geometry = try Self.exportGeometry(f.geometry, transform: transform, id: f.id)
                try writer.write(id: f.id, properties: f.columns, rawProperties: f.properties, geometry: geometry)
                if writer.count % 10_000 == 0 { progress?(writer.count) }
            }
            try writer.finish()
            return writer.count
        }
    }

    /// The stored geometry in the export CRS, RFC 7946 winding, a one-part multipolygon written as a Polygon.
    static func exportGeometry(_ decoded: Geometry?, transform: Transformation, id: String) throws -> Geometry {
        guard let stored = decoded else { throw RegistryError(path: id, "parcel has an empty geometry") }
        let multi = try transform.transform(stored).asMultiPolygon.orientedRFC7946()
        return multi.polygons.count == 1 ? .polygon(multi.polygons[0]) : .multiPolygon(multi)
    }
}

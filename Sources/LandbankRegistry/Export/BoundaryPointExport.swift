import Foundation
import LandbankFormats
import LandbankGeodesy
import LandbankGeometry

/// The formats `export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// RFC 7946 GeoJSON (or GeoJSON in --crs).
    case geoJSON = "geojson"
    /// China's land-reporting boundary-point text (报部坐标), in a zone-prefixed Gauss–Krüger CRS.
    case boundaryPoints = "报部坐标"

    /// Also "bubu" (ASCII) and "boundary-points" for the boundary-point format.
    public init?(name: String) {
        switch name.lowercased() {
        case "geojson", "json": self = .geoJSON
        case "报部坐标", "bubu", "boundary-points": self = .boundaryPoints
        default: return nil
        }
    }
}

extension Registry {
    /// Writes the parcels the options select as a boundary-point file to `sink`. The CRS is --crs, or the
    /// registry's; an unprefixed Gauss–Krüger CRS is written in its zone-prefixed twin (EPSG:4547 → EPSG:4526),
    /// as the format requires; any other CRS is refused.
    func exportBoundaryPoints(options: ExportOptions, progress: ((Int) -> Void)?,
                              to sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        guard options.layer == .parcels else {
            throw RegistryError(path: path, kind: .invalidArgument, "the 报部坐标 format holds parcels only, not \(options.layer.rawValue)")
        }
        let given = try makeCRS(options.crs ?? store.crsDefinition)
        guard given.authority == "EPSG", let code = given.code.map(Int.init), let prefixed = BoundaryPointCRS.prefixed(code: code),
              var writer = BoundaryPointWriter(code: prefixed) else {
            throw RegistryError(path: path, kind: .invalidArgument,
                                "the 报部坐标 format needs a Gauss–Krüger CRS (CGCS2000, Xian 1980 or Beijing 1954), not \(given.identifier); give one with --crs (e.g. EPSG:4526)")
        }
        let transform = try transformation(from: store.crsDefinition, to: "EPSG:\(prefixed)")
        let encoding = options.encoding.flatMap(TextEncoding.init(name:)) ?? .utf8
        // The text in the chosen encoding; a character GBK has no code for is refused, naming the parcel.
        func emit(_ s: String, parcel: String? = nil) throws {
            guard let bytes = encoding.encode(s) else {
                let c = encoding.firstUnencodable(s).map { DisplayText.quoted(String($0)) } ?? "a character"
                throw RegistryError(path: parcel ?? path, kind: .invalidArgument,
                                    "\(c) has no code in \(encoding.rawValue); export with --encoding GB18030 or UTF-8")
            }
            try bytes.withUnsafeBytes { try sink($0) }
        }
        let date = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        try emit(writer.header(date: date))
        let only = try options.query.flatMap { q -> Set<String>? in
            var site = q
            site.status = options.filter.status
            site.zone = options.filter.zone
            return try selectedIDs(site)
        }
        var count = 0
        try store.forEachFeature(.parcels, filter: options.filter) { f in
            if let only, !only.contains(f.parcelID) { return }
            guard let g = f.geometry else { throw RegistryError(path: f.id, "parcel has an empty geometry") }
            let out = try transform.transform(g).asMultiPolygon
            func text(_ key: String) -> String? {
                f.columns.first { $0.key == key }.flatMap { if case .string(let s) = $0.value { s } else { nil } }
            }
            let m2 = f.columns.first { $0.key == "cadastral_area_m2" }.flatMap { if case .number(let n) = $0.value { Double(n) } else { nil } }
            let area = m2 ?? f.columns.first { $0.key == "ellipsoidal_area_m2" }.flatMap { if case .number(let n) = $0.value { Double(n) } else { nil } } ?? 0
            try emit(writer.parcel(id: f.id, name: text("name"), landUse: text("land_use"), areaHa: area / 10_000, geometry: out), parcel: f.id)
            count += 1
            if count % 10_000 == 0 { progress?(count) }
        }
        return count
    }
}

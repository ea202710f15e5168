import LandbankGeometry

/// What a file's coordinates say about its CRS when it declares none, from a sample of its points.
///
/// Readings are proposed from the numbers (`CRSFamily.readings`: lon/lat within ±180/±90; a Gauss–Krüger
/// easting with a zone prefix names its zone; one without fits every central meridian, and so does UTM), each
/// straight and with x and y swapped, and kept only when PROJ puts every sampled point inside that CRS's area
/// of use (lon/lat: on Earth). When several remain, the registry's own CRS decides if it is one of them, else
/// its area of use if exactly one puts the points inside it; otherwise the answer is `ambiguous`, naming them.
public enum CRSInference {
    public enum Outcome: Equatable, Sendable {
        /// One reading fits; `because` says why, for the import's summary.
        case inferred(CRSReading, because: String)
        /// Several fit and nothing decides between them.
        case ambiguous([CRSReading])
        /// None fits.
        case unknown(String)
    }

    /// Sampled points outside a candidate's area of use widened by this many degrees rule it out.
    public static let margin = 0.5

    /// `registry` is the registry's CRS (a hint), nil for none.
    public static func infer(_ sample: [Point], registry: CoordinateReferenceSystem?, geodesy: ThreadGeodesy) -> Outcome {
        guard let box = bounds(sample) else { return .unknown("the file has no coordinates to look at") }
        var fits: [CRSReading] = []
        for swapped in [false, true] {
            let (x, y) = swapped ? (box.y, box.x) : (box.x, box.y)
            if x.lowerBound >= -180, x.upperBound <= 180, y.lowerBound >= -90, y.upperBound <= 90 {
                let r = CRSReading(crs: "EPSG:4326", swapped: swapped, title: "longitude/latitude, WGS 84")
                if fitsArea(r, sample, geodesy: geodesy) { fits.append(r) }
                continue
            }
            for family in CRSFamily.readings(easting: x, northing: y) {
                let r = CRSReading(crs: "EPSG:\(family.code)", swapped: swapped, title: family.title)
                if fitsArea(r, sample, geodesy: geodesy) { fits.append(r) }
            }
        }
        if fits.isEmpty {
            return .unknown("the coordinates (x \(range(box.x)), y \(range(box.y))) fit neither longitude/latitude nor a "
                + "CGCS2000 Gauss–Krüger or UTM zone over China")
        }
        if fits.count == 1 { return .inferred(fits[0], because: "the only reading that fits the coordinates") }
        if let registry {
            if let own = fits.first(where: { $0.crs == registry.identifier }) {
                return .inferred(own, because: "the registry's CRS, among \(fits.count) readings that fit")
            }
            if let area = registry.areaOfUse {
                let inside = fits.filter { fitsArea($0, sample, area: area, margin: 0.1, geodesy: geodesy) }
                if inside.count == 1 {
                    return .inferred(inside[0], because: "the only one of \(fits.count) readings that puts the parcels in the registry's area of use")
                }
                if inside.count > 1 { return .ambiguous(inside) }
            }
        }
        return .ambiguous(fits)
    }

    /// Whether the coordinates stand x/y the wrong way round for `crs`: read as given, some sampled point lies
    /// outside `area` (the registry's area of use; default the CRS's own) widened by 1°; swapped, all lie inside.
    /// Judged against the registry's area, a lone impossible latitude is not taken for a swap in a registry elsewhere.
    public static func axesSwapped(_ sample: [Point], crs: String, area: AreaOfUse? = nil, geodesy: ThreadGeodesy) -> Bool {
        guard !sample.isEmpty else { return false }
        let straight = CRSReading(crs: crs, title: "")
        var swapped = straight
        swapped.swapped = true
        return !fitsArea(straight, sample, area: area, margin: 1, geodesy: geodesy)
            && fitsArea(swapped, sample, area: area, margin: 1, geodesy: geodesy)
    }

    /// Every point, read as `reading` says, transformed by PROJ to lon/lat inside `area` (default: the CRS's
    /// own area of use) widened by `margin` degrees.
    static func fitsArea(_ reading: CRSReading, _ sample: [Point], area: AreaOfUse? = nil, margin: Double = margin,
                         geodesy: ThreadGeodesy) -> Bool {
        guard let crs = try? geodesy.crs(reading.crs),
              let toLonLat = try? geodesy.transformation(from: reading.crs, to: "EPSG:4326") else { return false }
        let box = area ?? crs.areaOfUse ?? AreaOfUse(west: -180, south: -90, east: 180, north: 90)
        var points = sample.map(reading.oriented)
        if crs.kind == .geographic {
            return points.allSatisfy { abs($0.y) <= 90 && abs($0.x) <= 180 && box.contains(lon: $0.x, lat: $0.y, margin: margin) }
        }
        guard (try? toLonLat.transform(&points)) != nil else { return false }
        return points.allSatisfy { $0.x.isFinite && $0.y.isFinite && box.contains(lon: $0.x, lat: $0.y, margin: margin) }
    }

    static func bounds(_ sample: [Point]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let finite = sample.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = finite.first else { return nil }
        var x = first.x...first.x, y = first.y...first.y
        for p in finite {
            x = min(x.lowerBound, p.x)...max(x.upperBound, p.x)
            y = min(y.lowerBound, p.y)...max(y.upperBound, p.y)
        }
        return (x, y)
    }

    static func range(_ r: ClosedRange<Double>) -> String {
        "\(AreaOfUse.degrees(r.lowerBound, decimals: 3))…\(AreaOfUse.degrees(r.upperBound, decimals: 3))"
    }

    /// Points of a geometry for a sample: every `stride`-th vertex of its exterior rings.
    public static func samplePoints(_ g: Geometry, stride step: Int = 1) -> [Point] {
        g.asMultiPolygon.polygons.flatMap { p in Swift.stride(from: 0, to: p.exterior.points.count, by: max(step, 1)).map { p.exterior.points[$0] } }
    }
}

import CGDAL

/// One layer of a `GDALDataset`. The OGRLayerH belongs to the dataset, which this object keeps alive.
/// Thread rule: as its dataset's, one thread at a time.
final class GDALLayer {
    private let dataset: GDALDataset
    let handle: OGRLayerH

    init(dataset: GDALDataset, handle: OGRLayerH) {
        self.dataset = dataset
        self.handle = handle
    }

    var name: String { OGR_L_GetName(handle).map { String(cString: $0) } ?? "layer" }

    /// The layer's CRS as PROJ reads it: "EPSG:4547" when GDAL knows its code (an ESRI .prj is matched
    /// against PROJ's database as GDAL reads it), else its WKT 2; nil when the file declares none.
    var crs: String? { OGR_L_GetSpatialRef(handle).flatMap(SpatialReferenceText.text) }

    /// The next feature, or nil at the end. GDAL reports an unreadable record as an error after a nil.
    func next() throws(FormatError) -> GDALFeature? {
        GDALRuntime.reset()
        guard let f = OGR_L_GetNextFeature(handle) else {
            if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
                throw FormatError(file: dataset.file, "cannot be read to its end: " + GDALRuntime.lastError("GDAL failed"))
            }
            return nil
        }
        return GDALFeature(f)
    }
}

/// A spatial reference as the text PROJ reads.
enum SpatialReferenceText {
    static func text(_ srs: OGRSpatialReferenceH) -> String? {
        if let auth = OSRGetAuthorityName(srs, nil), let code = OSRGetAuthorityCode(srs, nil) {
            return "\(String(cString: auth)):\(String(cString: code))"
        }
        // A match PROJ is sure of (an ESRI .prj's "CGCS2000_3_Degree_GK_CM_114E" is EPSG:4547).
        if let matched = identified(srs) { return matched }
        var wkt: UnsafeMutablePointer<CChar>?
        let ok = GDALRuntime.withStringList(["FORMAT=WKT2_2019"]) { OSRExportToWktEx(srs, &wkt, $0) }
        defer { VSIFree(wkt) }
        guard ok == OGRERR_NONE, let wkt else { return nil }
        return String(cString: wkt)
    }

    /// The authority code of the one CRS PROJ's database matches with full confidence, nil otherwise.
    static func identified(_ srs: OGRSpatialReferenceH) -> String? {
        var count: Int32 = 0
        var confidence: UnsafeMutablePointer<Int32>?
        guard let matches = OSRFindMatches(srs, nil, &count, &confidence) else { return nil }
        defer {
            OSRFreeSRSArray(matches)
            VSIFree(confidence)
        }
        guard count >= 1, let confidence, confidence[0] == 100, count == 1 || confidence[1] < 100,
              let best = matches[0], let auth = OSRGetAuthorityName(best, nil), let code = OSRGetAuthorityCode(best, nil) else {
            return nil
        }
        return "\(String(cString: auth)):\(String(cString: code))"
    }
}

extension GDALLayer {
    /// The names of the layer's attribute fields, in order.
    var columns: [String] {
        guard let defn = OGR_L_GetLayerDefn(handle) else { return [] }
        return (0..<OGR_FD_GetFieldCount(defn)).compactMap { i in
            OGR_FD_GetFieldDefn(defn, i).flatMap { OGR_Fld_GetNameRef($0) }.map { String(cString: $0) }
        }
    }

    /// Whether the layer has a geometry column (a spreadsheet has none).
    var hasGeometry: Bool {
        guard let defn = OGR_L_GetLayerDefn(handle) else { return false }
        return OGR_FD_GetGeomFieldCount(defn) > 0
    }
}

import CGDAL
import LandbankGeometry

/// One feature read from a GDAL layer. Owns its OGRFeatureH (destroyed in `deinit`); the geometry handle inside
/// belongs to the feature and is never handed out: only its WKB leaves.
final class GDALFeature {
    private let handle: OGRFeatureH

    init(_ handle: OGRFeatureH) { self.handle = handle }
    deinit { OGR_F_Destroy(handle) }

    /// The attribute fields as properties: numbers as numbers, dates as ISO 8601, text as read (GDAL recodes
    /// it to UTF-8 from the file's encoding); an unset field is left out, a null one is null. Text that is still
    /// not UTF-8 after recoding is refused with the field's name, since it means the encoding was wrong.
    func properties() throws(FormatError.Reason) -> [JSONMember] {
        var out: [JSONMember] = []
        let n = OGR_F_GetFieldCount(handle)
        for i in 0..<n {
            guard let defn = OGR_F_GetFieldDefnRef(handle, i) else { continue }
            guard let key = OGR_Fld_GetNameRef(defn).flatMap({ String(validatingCString: $0) }) else {
                throw .unreadable("field \(i + 1)'s name is not valid text in the file's encoding (try --encoding)")
            }
            guard OGR_F_IsFieldSet(handle, i) != 0 else { continue }
            if OGR_F_IsFieldNull(handle, i) != 0 { out.append(JSONMember(key, .null)); continue }
            switch OGR_Fld_GetType(defn) {
            case OFTInteger, OFTInteger64:
                out.append(JSONMember(key, .number(String(OGR_F_GetFieldAsInteger64(handle, i)))))
            case OFTReal:
                let d = OGR_F_GetFieldAsDouble(handle, i)
                out.append(JSONMember(key, d.isFinite ? .number("\(d)") : .null))
            case OFTDate, OFTDateTime:
                out.append(JSONMember(key, .string(date(i))))
            case OFTBinary:
                continue  // a blob is no attribute the registry keeps
            default:
                guard let s = OGR_F_GetFieldAsString(handle, i), let text = String(validatingCString: s) else {
                    throw .unreadable("field \(DisplayText.quoted(key)) is not valid text in the file's encoding (try --encoding)")
                }
                guard text.utf8.count <= FeatureLimits.tokenBytes else {
                    throw .unreadable("field \(DisplayText.quoted(key)) holds \(text.utf8.count) bytes; the most landbank reads is \(FeatureLimits.tokenBytes)")
                }
                out.append(JSONMember(key, .string(text)))
            }
        }
        return out
    }

    /// "2024-03-01" for a date, "2024-03-01T08:30:00" for a date and time.
    private func date(_ i: Int32) -> String {
        var y: Int32 = 0, m: Int32 = 0, d: Int32 = 0, h: Int32 = 0, min: Int32 = 0, tz: Int32 = 0
        var s: Float = 0
        OGR_F_GetFieldAsDateTimeEx(handle, i, &y, &m, &d, &h, &min, &s, &tz)
        let day = String(format: "%04d-%02d-%02d", y, m, d)
        guard let defn = OGR_F_GetFieldDefnRef(handle, i), OGR_Fld_GetType(defn) == OFTDateTime else { return day }
        return day + String(format: "T%02d:%02d:%02d", h, min, Int(s))
    }

    /// The geometry, decoded from GDAL's ISO WKB by landbank's own reader, so that a curve, a TIN, a collection
    /// or an empty shape is refused with the same words as in a GeoJSON or CSV file; nil when the feature has none.
    /// With `closingLines`, a closed LineString (a CAD drawing's closed polyline) is read as a polygon.
    func geometry(closingLines: Bool) throws(GeometryError) -> Geometry? {
        guard let g = OGR_F_GetGeometryRef(handle) else { return nil }
        if OGR_G_IsEmpty(g) != 0 { throw GeometryError(.empty) }
        let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
        if closingLines && flat == wkbLineString && Self.isClosed(g) {
            guard let polygon = OGR_G_ForceToPolygon(OGR_G_Clone(g)) else { throw GeometryError(.malformed(reason: "closed line cannot be made a polygon")) }
            defer { OGR_G_DestroyGeometry(polygon) }
            return try Self.decode(polygon)
        }
        return try Self.decode(g)
    }

    static func isClosed(_ g: OGRGeometryH) -> Bool {
        let n = OGR_G_GetPointCount(g)
        guard n >= 4 else { return false }
        return OGR_G_GetX(g, 0) == OGR_G_GetX(g, n - 1) && OGR_G_GetY(g, 0) == OGR_G_GetY(g, n - 1)
    }

    static func decode(_ g: OGRGeometryH) throws(GeometryError) -> Geometry {
        let size = OGR_G_WkbSizeEx(g)
        guard size > 0, size <= FeatureLimits.recordBytes * 8 else {
            throw GeometryError(.tooLarge(what: "bytes of WKB in one geometry", limit: FeatureLimits.recordBytes * 8))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        let err = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(g, wkbNDR, $0.baseAddress) }
        guard err == OGRERR_NONE else { throw GeometryError(.malformed(reason: "GDAL cannot write the geometry as WKB")) }
        return try WKB.read(bytes)
    }
}

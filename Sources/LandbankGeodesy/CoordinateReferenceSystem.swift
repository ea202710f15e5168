import CPROJ
import LandbankGeometry

/// A 2D coordinate reference system that PROJ knows, such as `EPSG:4547`
/// (CGCS2000 / 3-degree Gauss-Kruger CM 114E) or `EPSG:4490` (CGCS2000 geographic).
public final class CoordinateReferenceSystem {
    public enum Kind: String, Sendable { case projected, geographic }

    let object: ProjObject
    /// What the user wrote, e.g. "EPSG:4547" or "urn:ogc:def:crs:EPSG::4547".
    public let definition: String
    public let kind: Kind
    public let name: String
    /// Authority and code, e.g. ("EPSG", 4547); nil for a CRS without an identifier.
    public let authority: String?
    public let code: Int32?
    /// Where EPSG says the CRS may be used, in degrees; it may cross 180° (west > east).
    public let areaOfUse: AreaOfUse?
    public var areaOfUseName: String? { areaOfUse?.name }
    /// The unit of the coordinates of a projected CRS (nil for a geographic one).
    public let linearUnit: LinearUnit?
    /// Metres per coordinate unit of a projected CRS: 1 for metres, 1200/3937 for US survey feet.
    public var metresPerUnit: Double? { linearUnit?.metres }

    /// `definition` is anything `proj_create` reads ("EPSG:4547", a URN, WKT); a bare number is an EPSG code.
    public init(_ given: String, context: ProjContext) throws(ProjError) {
        let definition = given.allSatisfy(\.isNumber) && !given.isEmpty ? "EPSG:\(given)" : given
        guard let pj = proj_create(context.handle, definition) else {
            throw ProjError("unknown CRS '\(definition)': PROJ has no such CRS in proj.db")
        }
        let obj = ProjObject(context, pj)
        let type = proj_get_type(pj)
        switch type {
        case PJ_TYPE_PROJECTED_CRS: kind = .projected
        case PJ_TYPE_GEOGRAPHIC_2D_CRS: kind = .geographic
        default:
            throw ProjError("'\(definition)' is not a 2D projected or geographic CRS")
        }
        object = obj
        self.definition = definition
        name = proj_get_name(pj).map { String(cString: $0) } ?? definition
        authority = proj_get_id_auth_name(pj, 0).map { String(cString: $0) }
        code = proj_get_id_code(pj, 0).flatMap { Int32(String(cString: $0)) }
        linearUnit = kind == .projected ? try LinearUnit.of(obj, definition: definition) : nil
        var w = 0.0, s = 0.0, e = 0.0, n = 0.0
        var areaName: UnsafePointer<CChar>?
        if proj_get_area_of_use(context.handle, pj, &w, &s, &e, &n, &areaName) == 1, w > -1000 {
            areaOfUse = AreaOfUse(west: w, south: s, east: e, north: n, name: areaName.map { String(cString: $0) })
        } else {
            areaOfUse = nil
        }
    }

    var context: ProjContext { object.context }

    /// "EPSG:4547" when the CRS has an identifier, else the definition as given.
    public var identifier: String {
        if let authority, let code { return "\(authority):\(code)" }
        return definition
    }

    /// WKT 1 as GDAL writes it: what GeoPackage 1.3's `gpkg_spatial_ref_sys.definition` holds.
    public func wkt1() throws(ProjError) -> String {
        guard let s = proj_as_wkt(context.handle, object.pj, PJ_WKT1_GDAL, nil) else {
            throw context.error("cannot write '\(definition)' as WKT1")
        }
        return String(cString: s)
    }

    /// The ellipsoid of the CRS's datum.
    public func ellipsoid() throws(ProjError) -> Ellipsoid {
        guard let e = proj_get_ellipsoid(context.handle, object.pj) else {
            throw context.error("'\(definition)' has no ellipsoid")
        }
        let ell = ProjObject(context, e)
        var a = 0.0, b = 0.0, invF = 0.0
        var computed: Int32 = 0
        guard proj_ellipsoid_get_parameters(context.handle, ell.pj, &a, &b, &computed, &invF) == 1 else {
            throw context.error("cannot read the ellipsoid of '\(definition)'")
        }
        let name = proj_get_name(ell.pj).map { String(cString: $0) } ?? "ellipsoid"
        return Ellipsoid(name: name, semiMajorAxis: a, inverseFlattening: invF)
    }

    /// The geographic CRS this one is built on (itself for a geographic CRS).
    public func geodeticCRS() throws(ProjError) -> CoordinateReferenceSystem {
        if kind == .geographic { return self }
        guard let g = proj_crs_get_geodetic_crs(context.handle, object.pj) else {
            throw context.error("'\(definition)' has no geodetic CRS")
        }
        let obj = ProjObject(context, g)
        let auth = proj_get_id_auth_name(g, 0).map { String(cString: $0) }
        let code = proj_get_id_code(g, 0).map { String(cString: $0) }
        if let auth, let code { return try CoordinateReferenceSystem("\(auth):\(code)", context: context) }
        _ = obj
        throw ProjError("the geodetic CRS of '\(definition)' has no identifier")
    }
}

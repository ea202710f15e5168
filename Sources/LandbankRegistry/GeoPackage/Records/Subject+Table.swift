import LandbankLifecycle

extension Subject.Kind {
    /// The GeoPackage table and id column of the subject kind.
    var table: String { self == .parcel ? "parcels" : "buildings" }
    var idColumn: String { self == .parcel ? "parcel_id" : "building_id" }
    /// The columns of the stored planar and ellipsoidal areas, m².
    var areaColumns: (cadastral: String, ellipsoidal: String) {
        self == .parcel ? ("cadastral_area_m2", "ellipsoidal_area_m2") : ("footprint_area_m2", "footprint_ellipsoidal_area_m2")
    }
}

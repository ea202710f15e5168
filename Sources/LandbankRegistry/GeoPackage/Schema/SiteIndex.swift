import LandbankLifecycle

/// A site index (migration 9): an R*Tree over a layer's envelopes *and* the attributes that site searches
/// filter on, each attribute a further dimension whose min and max are the row's value. A window with an
/// attribute range then reads only the entries that lie in both, inside SQLite's rtree module, instead of
/// every parcel in the window and its table row; the table is read only for the few entries left, where the
/// exact conditions run again (the tree's float32 bounds are rounded outward, so it holds a superset).
///
/// Kept right by triggers on the layer (GDAL and QGIS edits included: they register the ST_ functions the
/// GeoPackage R*Tree triggers use too) and filled in bulk by an import (`SiteIndexLoader`). Not a GeoPackage
/// extension: other programs see an extra virtual table and ignore it.
struct SiteIndex: Sendable {
    let table: String
    let name: String
    /// The tree's attribute dimensions: each one's name and the layer's column it holds; a text column's
    /// values (`codes`) stand as their positions in the list.
    let attributes: [(name: String, column: String, codes: [String]?)]
    /// What an empty attribute is stored as (both bounds): parcels' below every value a query can ask a minimum
    /// of (a float32), so that a minimum leaves them out in the tree; buildings' above every value (migration 16),
    /// so that a minimum keeps them and the matcher, for which an unknown clear height or power is missing data
    /// and not a failure, finds them through the tree (`BuildingCriteria.orUnknown`); a query that wants them
    /// out bounds the dimension's minimum below `unknownAbove` too.
    let missing: Double

    static let parcels = SiteIndex(table: "parcels", name: "landbank_parcels_site", attributes: [
        ("cadastral_mu", "cadastral_area_mu", nil), ("ellipsoidal_mu", "ellipsoidal_area_mu", nil),
        ("status", "status", statusCodes.map(\.rawValue)),
    ], missing: -3.0e38)
    static let buildings = SiteIndex(table: "buildings", name: "landbank_buildings_site", attributes: [
        ("vacant_m2", "vacant_floor_area_m2", nil), ("clear_height_m", "clear_height_m", nil), ("power_kva", "power_kva", nil),
    ], missing: 3.0e38)

    /// Parcels' statuses in the order of their codes in the tree (migration 17): those a zone offers by default
    /// (`ZonePolicy`: approved not supplied, idle, recovered) first and together, so that a search for them
    /// is one range; any other set of statuses is the range from its lowest code to its highest.
    static let statusCodes: [ParcelStatus] = [.approvedNotSupplied, .idle, .recovered, .inefficient, .underRecovery, .revitalized, .assigned]
    static let all = [parcels, buildings]

    /// Buildings' tree bounds above this are unknown values (`missing`, 3e38 rounded to a float32); a real clear
    /// height, power or floor area lies far below.
    static let unknownAbove = 2.9e38
    /// The bounds given to a value that is not a number (text written by another program): the whole line,
    /// so that no range excludes it and the exact condition decides.
    static let unbounded = 3.0e38

    var create: String {
        let dims = attributes.map { "min_\($0.name), max_\($0.name)" }.joined(separator: ", ")
        return "CREATE VIRTUAL TABLE \(name) USING rtree(id, minx, maxx, miny, maxy, \(dims))"
    }

    /// The tree's values for the row named `row` (`NEW` in a trigger, the table's alias in a fill).
    func values(_ row: String) -> String {
        ([GeoPackageSchema.rtreeValues(row: row)] + attributeValues(row)).joined(separator: ", ")
    }

    /// The attribute dimensions' min and max for the row named `row`, in the tree's column order.
    func attributeValues(_ row: String) -> [String] {
        var v: [String] = []
        for a in attributes {
            let c = "\(row).\(a.column)"
            if let codes = a.codes {
                let known = codes.enumerated().map { "WHEN \(c) = '\($0.element)' THEN \($0.offset)" }.joined(separator: " ")
                v.append("CASE WHEN \(c) IS NULL THEN \(missing) \(known) ELSE \(-Self.unbounded) END")
                v.append("CASE WHEN \(c) IS NULL THEN \(missing) \(known) ELSE \(Self.unbounded) END")
                continue
            }
            let number = "typeof(\(c)) IN ('integer', 'real')"
            v.append("CASE WHEN \(number) THEN \(c) WHEN \(c) IS NULL THEN \(missing) ELSE \(-Self.unbounded) END")
            v.append("CASE WHEN \(number) THEN \(c) WHEN \(c) IS NULL THEN \(missing) ELSE \(Self.unbounded) END")
        }
        return v
    }

    var insertTrigger: String { "\(name)_insert" }

    /// Insert, update (of the geometry, an indexed attribute or the fid) and delete triggers on the layer.
    var triggers: [String] {
        let present = "NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)"
        let columns = (["geom", "fid"] + attributes.map(\.column)).joined(separator: ", ")
        return [
            """
            CREATE TRIGGER \(insertTrigger) AFTER INSERT ON \(table) WHEN \(present)
            BEGIN INSERT OR REPLACE INTO \(name) VALUES (\(values("NEW"))); END
            """,
            """
            CREATE TRIGGER \(name)_update AFTER UPDATE OF \(columns) ON \(table)
            BEGIN DELETE FROM \(name) WHERE id = OLD.fid;
            INSERT OR REPLACE INTO \(name) SELECT \(values("NEW")) WHERE \(present); END
            """,
            """
            CREATE TRIGGER \(name)_delete AFTER DELETE ON \(table)
            BEGIN DELETE FROM \(name) WHERE id = OLD.fid; END
            """,
        ]
    }

    /// Fills the tree from the layer's rows (a registry made before migration 9, or `repair`). A blob that is
    /// not a GeoPackage geometry (another tool's) is left out rather than stopping the fill: `verify` names it.
    var fill: String {
        """
        INSERT INTO \(name) SELECT \(values("t")) FROM \(table) t WHERE \(Self.indexable("t"))
        """
    }

    /// The rows of `row`'s table that an index holds: a GeoPackage geometry that is not empty.
    static func indexable(_ row: String) -> String {
        "\(row).geom NOT NULL AND substr(\(row).geom, 1, 2) = X'4750' AND NOT ST_IsEmpty(\(row).geom)"
    }
}

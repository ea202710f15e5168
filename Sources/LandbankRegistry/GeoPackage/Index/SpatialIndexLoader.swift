import Foundation
import GRDB
import LandbankGeometry

/// Fills a layer's GeoPackage R*Tree and its site index (`SiteIndex`) in bulk during an import instead of
/// through the per-row insert triggers (see `TreeLoad`), and widens the layer extent in `gpkg_contents`.
/// Memory: 24 bytes a feature for the envelope, 40 (parcels) or 48 (buildings) for the site cell.
struct SpatialIndexLoader {
    let db: Database
    let table: String
    let column = "geom"
    private var plane: TreeLoad<PlaneCell>
    private var parcelSites: TreeLoad<SiteCell<ParcelSite>>?
    private var buildingSites: TreeLoad<SiteCell<BuildingSite>>?
    var extent: BoundingBox?

    var rtree: String { "rtree_\(table)_\(column)" }

    init(_ db: Database, table: String) throws {
        self.db = db
        self.table = table
        let r = "rtree_\(table)_geom"
        plane = try TreeLoad(db, rtree: r, trigger: ("\(r)_insert", GeoPackageSchema.rtreeTriggers(table: table, column: "geom")[0])) {
            PlaneCell(id: $0[0], minX: Float($0[1] as Double), maxX: Float($0[2] as Double),
                      minY: Float($0[3] as Double), maxY: Float($0[4] as Double))
        }
        if table == SiteIndex.parcels.table {
            let s = SiteIndex.parcels
            parcelSites = try TreeLoad(db, rtree: s.name, trigger: (s.insertTrigger, s.triggers[0])) { SiteCell(row: $0) }
        } else if table == SiteIndex.buildings.table {
            let s = SiteIndex.buildings
            buildingSites = try TreeLoad(db, rtree: s.name, trigger: (s.insertTrigger, s.triggers[0])) { SiteCell(row: $0) }
        }
    }

    /// One feature: its envelope, and the values of its layer's `SiteIndex.attributes`, in that order.
    mutating func add(id: Int64, envelope e: BoundingBox, attributes: [Double?]) {
        plane.add(PlaneCell(id: id, e))
        parcelSites?.add(SiteCell(id: id, e, attributes))
        buildingSites?.add(SiteCell(id: id, e, attributes))
        extent = extent.map { $0.union(e) } ?? e
    }

    func finish() throws {
        try plane.finish()
        try parcelSites?.finish()
        try buildingSites?.finish()
        if let e = extent { try GeoPackageContents.widenExtent(of: table, by: e, in: db) }
    }
}

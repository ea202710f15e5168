import Foundation
import GRDB
import LandbankGeometry

/// Whether a building's footprint stands on its parcel: the parcel exists and, grown by `tolerance`, covers the
/// footprint (GEOS). Used on insert (`BuildingWriter`) and when an update moves a footprint (`GeoPackageLedgerMatch`).
struct FootprintCheck {
    /// 5 cm: digitising noise where a footprint shares its parcel's boundary.
    static let tolerance = 0.05

    let parcelGeometry: Statement
    let geos: GEOSContext
    /// Buildings of one parcel usually come together: keep the last parcel's geometry.
    var cached: (id: String, geometry: Geometry)?

    init(db: Database) throws {
        parcelGeometry = try db.makeStatement(sql: "SELECT geom FROM parcels WHERE parcel_id = ?")
        geos = try GEOSContext()
    }

    /// Throws the import's refusal (rule `not_on_parcel`, or the geometry's) naming the file and the feature.
    mutating func check(_ b: BuildingAttributes, _ row: ImportPipeline.Row, file: String) throws {
        func refuse(_ r: ImportError.Reason) -> ImportError {
            var e = ImportError(file: file, position: row.position, featureID: b.buildingID, reason: r)
            if case .badAttribute = r { e.rule = .notOnParcel }
            return e
        }
        let parcel: Geometry
        if let c = cached, c.id == b.parcelID {
            parcel = c.geometry
        } else {
            guard let blob = try Data.fetchOne(parcelGeometry, arguments: [b.parcelID]) else {
                throw refuse(.badAttribute("no parcel \"\(b.parcelID)\" in the registry to stand on"))
            }
            guard let g = try blob.withUnsafeBytes({ try GeoPackageBinary.decode($0).geometry }) else {
                throw refuse(.badAttribute("parcel \"\(b.parcelID)\" has an empty geometry"))
            }
            parcel = g
            cached = (b.parcelID, g)
        }
        do {
            guard try geos.covers(parcel, .multiPolygon(row.output.geometry), tolerance: Self.tolerance) else {
                throw refuse(.badAttribute("footprint does not lie on parcel \"\(b.parcelID)\" (GEOS: not covered by the parcel grown by \(Self.tolerance) m)"))
            }
        } catch let e as GeometryError {
            throw refuse(.geometry(e))
        }
    }
}

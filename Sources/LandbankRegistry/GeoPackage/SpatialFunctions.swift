import Foundation
import GRDB
import LandbankGeometry

/// The SQL functions that the GeoPackage R*Tree triggers call: ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY.
/// They read the blob's envelope when it has one and decode the WKB otherwise.
enum SpatialFunctions {
    static func register(_ db: Database) {
        db.add(function: DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { v in
            guard let data = Data.fromDatabaseValue(v[0]) else { return nil }
            return try data.withUnsafeBytes { try GeoPackageBinary.header($0).isEmpty }
        })
        let extremes: [(String, @Sendable (BoundingBox) -> Double)] = [
            ("ST_MinX", { $0.minX }), ("ST_MaxX", { $0.maxX }),
            ("ST_MinY", { $0.minY }), ("ST_MaxY", { $0.maxY }),
        ]
        for (name, pick) in extremes {
            db.add(function: DatabaseFunction(name, argumentCount: 1, pure: true) { v in
                guard let data = Data.fromDatabaseValue(v[0]) else { return nil }
                return try envelope(data).map(pick)
            })
        }
    }

    static func envelope(_ data: Data) throws -> BoundingBox? {
        try data.withUnsafeBytes { raw in
            let h = try GeoPackageBinary.header(raw)
            if h.isEmpty { return nil }
            if let e = h.envelope { return e }
            return try GeoPackageBinary.decode(raw).geometry?.boundingBox
        }
    }
}

import LandbankGeometry

/// Geometry between landbank and PostGIS: out as EWKB (WKB with the SRID, which a typed geometry column wants),
/// back as the WKB that `ST_AsBinary` sends. The GeoPackage blob that landbank measured stays the reference: its
/// SHA-256 is stored beside the geometry, and the blob can be rebuilt exactly from the geometry.
enum PGGeometry {
    /// The EWKB of a GeoPackage blob's geometry: its WKB with the SRID flag and the SRID inserted.
    static func ewkb(gpkg blob: [UInt8], srid: Int32) throws -> [UInt8] {
        let offset = try blob.withUnsafeBytes { try GeoPackageBinary.header($0).wkbOffset }
        return ewkb(wkb: Array(blob[offset...]), srid: srid)
    }

    static func ewkb(wkb: [UInt8], srid: Int32) -> [UInt8] {
        guard wkb.count >= 5 else { return wkb }
        let little = wkb[0] == 1
        var type = UInt32(0)
        for i in 0..<4 { type |= UInt32(wkb[1 + i]) << (little ? 8 * UInt32(i) : 8 * UInt32(3 - i)) }
        type |= 0x2000_0000
        func bytes(_ v: UInt32) -> [UInt8] {
            (0..<4).map { i in UInt8(truncatingIfNeeded: v >> (little ? 8 * UInt32(i) : 8 * UInt32(3 - i))) }
        }
        return [wkb[0]] + bytes(type) + bytes(UInt32(bitPattern: srid)) + wkb[5...]
    }

    /// Hex text of the bytes: how COPY's text format takes a geometry.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The geometry of a row's `wkb` column (`ST_AsBinary(geom) AS wkb`).
    static func multiPolygon(_ r: PGRow, id: String, location: String) throws -> MultiPolygon {
        guard let wkb: [UInt8] = r["wkb"] else {
            throw RegistryError(path: location, kind: .damaged, "\(id) has no geometry")
        }
        do {
            return try WKB.read(wkb).asMultiPolygon
        } catch {
            throw RegistryError(path: location, kind: .damaged, "\(id): its geometry cannot be read (\(error))")
        }
    }

    /// The GeoPackage blob landbank would write for this geometry (its envelope in the header), whose SHA-256
    /// is the stored `geom_sha256` when the geometry is as landbank measured it.
    static func gpkg(_ g: MultiPolygon, srid: Int32) -> [UInt8] {
        GeoPackageBinary.encode(.multiPolygon(g), srsID: srid, envelope: g.boundingBox)
    }
}

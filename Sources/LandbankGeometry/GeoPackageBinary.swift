/// GeoPackage geometry blobs (OGC 12-128r17 §2.1.3): "GP", version 0, flags, srs_id, envelope, WKB.
public enum GeoPackageBinary {
    /// Encodes with little-endian header and an [minx, maxx, miny, maxy] envelope (envelope indicator 1).
    public static func encode(_ geometry: Geometry, srsID: Int32, envelope: BoundingBox) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(40 + 16 * geometry.asMultiPolygon.pointCount + 64)
        out.append(0x47); out.append(0x50) // "GP"
        out.append(0)                        // version 1 (stored as 0)
        out.append(0b0000_0011)              // standard GP, not empty, envelope xy, little endian
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        for v in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY] {
            WKB.appendUInt64(v.bitPattern, &out)
        }
        WKB.write(geometry, into: &out)
        return out
    }

    public struct Header: Sendable {
        public var srsID: Int32
        public var isEmpty: Bool
        public var envelope: BoundingBox?
        public var wkbOffset: Int
    }

    public static func header(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> Header {
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else {
            throw GeometryError(.malformed(reason: "not a GeoPackage geometry blob (no 'GP' magic)"))
        }
        let flags = bytes[3]
        let little = flags & 1 == 1
        let rawSRS = bytes.loadUnaligned(fromByteOffset: 4, as: Int32.self)
        let srs = little ? Int32(littleEndian: rawSRS) : Int32(bigEndian: rawSRS)
        let envKind = Int((flags >> 1) & 0b111)
        let envDoubles = [0, 4, 6, 6, 8][safe: envKind]
        guard let envDoubles else {
            throw GeometryError(.malformed(reason: "GeoPackage blob has invalid envelope indicator \(envKind)"))
        }
        guard bytes.count >= 8 + envDoubles * 8 else {
            throw GeometryError(.malformed(reason: "GeoPackage blob truncated in its envelope"))
        }
        var env: BoundingBox?
        if envDoubles >= 4 {
            func d(_ i: Int) -> Double {
                let v = bytes.loadUnaligned(fromByteOffset: 8 + i * 8, as: UInt64.self)
                return Double(bitPattern: little ? UInt64(littleEndian: v) : UInt64(bigEndian: v))
            }
            env = BoundingBox(minX: d(0), minY: d(2), maxX: d(1), maxY: d(3))
        }
        return Header(srsID: srs, isEmpty: flags & 0b1_0000 != 0, envelope: env, wkbOffset: 8 + envDoubles * 8)
    }

    /// Decodes the geometry, or nil for an empty one.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> (srsID: Int32, geometry: Geometry?) {
        let h = try header(bytes)
        if h.isEmpty { return (h.srsID, nil) }
        let wkb = UnsafeRawBufferPointer(rebasing: bytes[h.wkbOffset...])
        return (h.srsID, try WKB.read(wkb))
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

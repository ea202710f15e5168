/// Well-known binary (OGC 06-103r4): Polygon and MultiPolygon, read in either byte order, 2D, Z, M or ZM
/// (extra ordinates dropped); written little-endian 2D.
public enum WKB {
    static let polygonType: UInt32 = 3
    static let multiPolygonType: UInt32 = 6

    /// Appends the geometry to `out`. A `.polygon` is written as a WKB Polygon, a `.multiPolygon` as a MultiPolygon.
    public static func write(_ geometry: Geometry, into out: inout [UInt8]) {
        switch geometry {
        case .polygon(let p): writePolygon(p, into: &out)
        case .multiPolygon(let m):
            out.append(1)
            appendUInt32(multiPolygonType, &out)
            appendUInt32(UInt32(m.polygons.count), &out)
            for p in m.polygons { writePolygon(p, into: &out) }
        }
    }

    static func writePolygon(_ p: Polygon, into out: inout [UInt8]) {
        out.append(1)
        appendUInt32(polygonType, &out)
        appendUInt32(UInt32(1 + p.holes.count), &out)
        for r in p.rings {
            appendUInt32(UInt32(r.points.count), &out)
            for pt in r.points {
                appendUInt64(pt.x.bitPattern, &out)
                appendUInt64(pt.y.bitPattern, &out)
            }
        }
    }

    @inline(__always) static func appendUInt32(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always) static func appendUInt64(_ v: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Reads one geometry from `bytes`; throws on truncation or a type other than Polygon/MultiPolygon.
    public static func read(_ bytes: UnsafeRawBufferPointer) throws(GeometryError) -> Geometry {
        var r = WKBCursor(bytes: bytes)
        let g = try r.geometry()
        return g
    }

    public static func read(_ bytes: [UInt8]) throws(GeometryError) -> Geometry {
        do {
            return try bytes.withUnsafeBytes { raw in try read(raw) }
        } catch let e as GeometryError {
            throw e
        } catch {
            preconditionFailure("WKB.read throws only GeometryError")
        }
    }
}

struct WKBCursor {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var little = true
    /// Points read so far in this geometry, all polygons together.
    var pointCount = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func need(_ n: Int) throws(GeometryError) {
        if offset + n > bytes.count {
            throw GeometryError(.malformed(reason: "WKB truncated at byte \(offset) (needs \(n) more, has \(bytes.count - offset))"))
        }
    }

    mutating func uint32() throws(GeometryError) -> UInt32 {
        try need(4)
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return little ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
    }

    mutating func double() throws(GeometryError) -> Double {
        try need(8)
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: little ? UInt64(littleEndian: v) : UInt64(bigEndian: v))
    }

    /// Reads byte order and type; returns the base type (0…17), the number of ordinates per point and the
    /// type's name with its dimensions, for errors.
    mutating func header() throws(GeometryError) -> (base: UInt32, dims: Int, name: String) {
        try need(1)
        guard bytes[offset] <= 1 else {
            throw GeometryError(.malformed(reason: "not WKB: byte \(offset) is 0x\(String(bytes[offset], radix: 16)), not a byte order (0 or 1)"))
        }
        little = bytes[offset] == 1
        offset += 1
        var t = try uint32()
        // EWKB flags (PostGIS) and ISO 1000/2000/3000 offsets.
        var hasZ = t & 0x8000_0000 != 0
        var hasM = t & 0x4000_0000 != 0
        if t & 0x2000_0000 != 0 { t &= ~0x2000_0000; offset += 4 } // SRID present: skip it
        t &= 0x0FFF_FFFF
        switch t / 1000 {
        case 1: hasZ = true
        case 2: hasM = true
        case 3: hasZ = true; hasM = true
        default: break
        }
        let base = t / 1000 <= 3 ? t % 1000 : t
        let dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)
        return (base, dims, GeometryTypeName.wkb(base, hasZ: hasZ, hasM: hasM))
    }

    mutating func geometry() throws(GeometryError) -> Geometry {
        let (t, dims, name) = try header()
        switch t {
        case WKB.polygonType: return .polygon(try polygon(dims: dims))
        case WKB.multiPolygonType:
            let n = Int(try uint32())
            try FeatureLimits.checkMultiPolygon(parts: n)
            var polys: [Polygon] = []
            polys.reserveCapacity(min(n, 1 << 16))
            for i in 0..<n {
                let (pt, pdims, pname) = try header()
                guard pt == WKB.polygonType else {
                    throw GeometryError(.wrongGeometryType(pname), polygon: i)
                }
                do { polys.append(try polygon(dims: pdims)) } catch { throw error.inPolygon(i) }
            }
            return .multiPolygon(try MultiPolygon(polys))
        default:
            throw GeometryError(.wrongGeometryType(name))
        }
    }

    mutating func polygon(dims: Int) throws(GeometryError) -> Polygon {
        let nRings = Int(try uint32())
        try FeatureLimits.checkPolygon(rings: nRings)
        var rings: [[Point]] = []
        rings.reserveCapacity(min(nRings, 1 << 16))
        for r in 0..<nRings {
            let n = Int(try uint32())
            do throws(GeometryError) {
                try FeatureLimits.checkRing(points: n)
                pointCount += n
                try FeatureLimits.checkFeature(points: pointCount)
            } catch {
                var e = error
                e.ring = r
                throw e
            }
            try need(n * dims * 8)
            var pts: [Point] = []
            pts.reserveCapacity(n)
            for _ in 0..<n {
                let x = try double(), y = try double()
                offset += (dims - 2) * 8
                pts.append(Point(x: x, y: y))
            }
            rings.append(pts)
        }
        return try Polygon(rings: rings)
    }
}

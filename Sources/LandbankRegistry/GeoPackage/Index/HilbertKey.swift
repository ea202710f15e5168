import Foundation
import GRDB
import LandbankGeometry

/// The position of a point along a Hilbert curve over a 2^16 × 2^16 grid laid on an extent. Sorting boxes by
/// the key of their centres puts near boxes next to each other, which is how the bulk load packs the R*Tree
/// from one sorted scan of the table (a packed Hilbert R-tree, Kamel & Faloutsos 1993).
struct HilbertKey {
    static let side: UInt32 = 1 << 16
    let extent: BoundingBox

    /// The key of the centre (x, y); points outside the extent are clamped onto its border.
    func key(x: Double, y: Double) -> Int64 {
        Int64(Self.key(cell(x, extent.minX, extent.maxX), cell(y, extent.minY, extent.maxY)))
    }

    private func cell(_ v: Double, _ lo: Double, _ hi: Double) -> UInt32 {
        guard hi > lo, v.isFinite else { return 0 }
        let t = ((v - lo) / (hi - lo) * Double(Self.side)).rounded(.down)
        return UInt32(Swift.min(Swift.max(t, 0), Double(Self.side - 1)))
    }

    /// The distance along the curve of grid cell (x, y) (the classic xy2d: quadrant by quadrant from the
    /// top bit, rotating the lower bits into each quadrant's orientation).
    static func key(_ x: UInt32, _ y: UInt32) -> UInt64 {
        var x = x, y = y, d: UInt64 = 0
        var s = side / 2
        while s > 0 {
            let rx: UInt32 = (x & s) != 0 ? 1 : 0
            let ry: UInt32 = (y & s) != 0 ? 1 : 0
            d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 { x = side - 1 - x; y = side - 1 - y }
                swap(&x, &y)
            }
            s /= 2
        }
        return d
    }

    /// `landbank_tree_cell(geom)`: what the bulk load sorts by and reads, from one look at the geometry's
    /// header: 8 bytes of the envelope centre's key (big-endian, so that blobs sort in key order), then the
    /// envelope's min x, max x, min y, max y as little-endian doubles. NULL for an empty geometry and for a
    /// blob that is not a GeoPackage geometry, which the trees do not hold. Registered on the connection for
    /// the length of a bulk load.
    var cellFunction: DatabaseFunction {
        DatabaseFunction("landbank_tree_cell", argumentCount: 1, pure: true) { v in
            guard let data = Data.fromDatabaseValue(v[0]), let e = try? SpatialFunctions.envelope(data) else { return nil }
            let k = UInt64(key(x: (e.minX + e.maxX) / 2, y: (e.minY + e.maxY) / 2))
            var blob = Data(capacity: 40)
            withUnsafeBytes(of: k.bigEndian) { blob.append(contentsOf: $0) }
            for d in [e.minX, e.maxX, e.minY, e.maxY] { withUnsafeBytes(of: d.bitPattern.littleEndian) { blob.append(contentsOf: $0) } }
            return blob
        }
    }

    /// The envelope (min x, max x, min y, max y) of a `landbank_tree_cell` blob.
    static func envelope(ofCell blob: Data) -> SIMD4<Double> {
        precondition(blob.count == 40, "landbank_tree_cell blob of \(blob.count) bytes") // made by cellFunction
        return blob.withUnsafeBytes { raw in
            var e = SIMD4<Double>()
            for n in 0..<4 { e[n] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + 8 * n, as: UInt64.self))) }
            return e
        }
    }
}

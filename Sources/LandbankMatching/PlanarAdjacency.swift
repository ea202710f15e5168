import LandbankGeometry
import LandbankRegistry

/// Which shapes of a set lie within a tolerance of each other (0: touching), in the registry's plane: the pairs
/// whose GEOS distance is at most the tolerance, as `Registry.neighbours` measures them, found in memory for a
/// whole set at once (blocks, runway) instead of one R*Tree search and one shared-boundary measure per parcel.
///
/// Envelopes grown by half the tolerance are put in a uniform grid whose cells are about the median envelope's
/// size; two shapes are measured only when their grown envelopes meet (a necessary condition), once, in the cell
/// holding the lower-left corner of the envelopes' overlap.
enum PlanarAdjacency {
    struct Cell: Hashable {
        var x: Int
        var y: Int
    }

    /// Index pairs (i < j) of `shapes` within `tolerance` (in the coordinates' unit) of each other.
    static func pairs(_ shapes: [MultiPolygon], tolerance: Double) throws -> [(Int, Int)] {
        guard shapes.count > 1 else { return [] }
        // A hair more than half the tolerance: a filter only, which must not lose a pair exactly at the tolerance.
        let half = tolerance / 2 + 1e-6
        let boxes = shapes.map { s in
            let b = s.boundingBox
            return BoundingBox(minX: b.minX - half, minY: b.minY - half, maxX: b.maxX + half, maxY: b.maxY + half)
        }
        let sides = boxes.map { max($0.maxX - $0.minX, $0.maxY - $0.minY) }.sorted()
        let size = max(sides[sides.count / 2], 1e-9)
        func cell(_ x: Double, _ y: Double) -> Cell { Cell(x: Int((x / size).rounded(.down)), y: Int((y / size).rounded(.down))) }
        // Each box once in every cell it covers, as (cell, box) entries sorted by cell: a cell's members are a run
        // (a dictionary of arrays made an allocation per cell, a fifth of the blocks' pairing time).
        var entries: [(cell: Cell, box: Int32)] = []
        entries.reserveCapacity(boxes.count * 2)
        for (i, b) in boxes.enumerated() {
            let lo = cell(b.minX, b.minY), hi = cell(b.maxX, b.maxY)
            for x in lo.x...hi.x { for y in lo.y...hi.y { entries.append((Cell(x: x, y: y), Int32(i))) } }
        }
        entries.sort { ($0.cell.x, $0.cell.y, $0.box) < ($1.cell.x, $1.cell.y, $1.box) }
        let set = try GEOSShapeSet(try GEOSContext(), shapes.map { .multiPolygon($0) })
        var out: [(Int, Int)] = []
        var start = 0
        while start < entries.count {
            let c = entries[start].cell
            var end = start + 1
            while end < entries.count, entries[end].cell == c { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            try Task.checkCancellation()  // a server's request cancelled (blocks, joined sites)
            for n in start..<end {
                let i = Int(entries[n].box)
                for m in (n + 1)..<end {
                    let j = Int(entries[m].box)
                    let a = boxes[i], b = boxes[j]
                    guard a.intersects(b), cell(max(a.minX, b.minX), max(a.minY, b.minY)) == c else { continue }
                    if try set.areWithin(i, j, distance: tolerance) {
                        out.append((min(i, j), max(i, j)))
                    }
                }
            }
        }
        return out
    }
}

extension PlanarAdjacency {
    /// The fids of the boxes lying within `tolerance` of another box (a sweep along x): only those parcels can
    /// be joined to anything, since two shapes within the tolerance have boxes within it.
    static func partnered(_ boxes: [ParcelBox], tolerance: Double) -> Set<Int64> {
        let sorted = boxes.sorted { $0.box.minX < $1.box.minX }
        var out: Set<Int64> = []
        for (i, a) in sorted.enumerated() {
            var j = i + 1
            while j < sorted.count, sorted[j].box.minX <= a.box.maxX + tolerance {
                let b = sorted[j].box
                if b.minY <= a.box.maxY + tolerance, a.box.minY <= b.maxY + tolerance {
                    out.insert(a.fid)
                    out.insert(sorted[j].fid)
                }
                j += 1
            }
        }
        return out
    }
}

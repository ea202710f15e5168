import LandbankGeometry

/// Parcels from the rows of a ledger (an Excel sheet, a CSV file) laid out as `LedgerLayout` says: a WKT cell
/// parsed per row, or consecutive vertex rows of one parcel joined into its rings. Rows come as features
/// without geometry from any row reader, so that the same rules hold for every ledger format.
public final class LedgerReader {
    public let name: String
    public let layout: LedgerLayout
    /// The column grouping vertex rows into parcels: `--id-field`, else the first of the usual id columns.
    public var idColumn: String?
    private let rows: () throws(FormatError) -> Feature?
    private let rowPosition: (Feature) -> String
    private var pending: Feature?
    private var seen: Set<String> = []
    private var parcels = 0

    public init(name: String, layout: LedgerLayout, idColumn: String?, rows: @escaping () throws(FormatError) -> Feature?,
                rowPosition: @escaping (Feature) -> String) {
        self.name = name
        self.layout = layout
        self.idColumn = idColumn
        self.rows = rows
        self.rowPosition = rowPosition
    }

    /// "row 4" for a WKT ledger, "parcel 2 (rows 5–9)" for a vertex ledger.
    public func next() throws(FormatError) -> Feature? {
        switch layout {
        case .wkt(let column): return try nextWKT(column)
        case .vertices(let x, let y, let ring, let point): return try nextParcel(x: x, y: y, ring: ring, point: point)
        }
    }

    private func nextWKT(_ column: String) throws(FormatError) -> Feature? {
        guard var row = try rows() else { return nil }
        let text = Self.text(row.properties.first { $0.key == column }?.value)
        row.properties.removeAll { $0.key == column }
        guard let text, !text.isEmpty else { return row }  // no geometry: the import names it
        do {
            row.geometry = try WKT.parse(text).geometry
        } catch {
            let reason: FormatError.Reason
            if case .geometry(let g) = error.reason { reason = .geometry(g) } else { reason = .unreadable(error.description) }
            throw FormatError(file: name, position: rowPosition(row), featureID: id(of: row), reason: reason)
        }
        return row
    }

    private func nextParcel(x: String, y: String, ring: String?, point: String?) throws(FormatError) -> Feature? {
        let next: Feature?
        if let pending { next = pending } else { next = try rows() }
        pending = nil
        guard let first = next else { return nil }
        guard let key = idColumn, let parcelID = id(of: first) else {
            throw FormatError(file: name, position: rowPosition(first),
                              "a vertex row needs the parcel's id to join it to the others: give an id, code or parcel_id column or name one with --id-field")
        }
        guard seen.insert(parcelID).inserted else {
            throw FormatError(file: name, position: rowPosition(first), featureID: parcelID,
                              "parcel \(DisplayText.quoted(parcelID))'s vertices do not stand on consecutive rows (it appeared earlier)")
        }
        var rings: [[Point]] = []
        var ringKeys: [String] = []
        var row: Feature? = first
        while let r = row {
            guard id(of: r) == parcelID else { pending = r; break }
            let ringKey = ring.flatMap { c in Self.text(r.properties.first { $0.key == c }?.value) } ?? "1"
            if ringKeys.last != ringKey { ringKeys.append(ringKey); rings.append([]) }
            rings[rings.count - 1].append(try coordinate(r, x: x, y: y))
            row = try rows()
        }
        // A ledger lists each vertex once or closes the ring by repeating the first: both are read.
        for i in rings.indices where rings[i].first != rings[i].last { rings[i].append(rings[i][0]) }
        let skip: Set<String> = Set([x, y, ring, point, key].compactMap { $0 })
        let properties = [JSONMember(key, .string(parcelID))] + first.properties.filter { !skip.contains($0.key) }
        parcels += 1
        let geometry: Geometry
        do { geometry = try Self.geometry(rings) } catch {
            throw FormatError(file: name, position: "parcel \(parcels) from \(rowPosition(first))", featureID: parcelID, reason: .geometry(error))
        }
        return Feature(index: parcels - 1, id: nil, properties: properties, geometry: geometry)
    }

    /// Rings as polygons: a ring inside the one before is a hole of it; any other starts a new part (a ring
    /// numbering says nothing of holes, so containment of the first vertex decides).
    static func geometry(_ rings: [[Point]]) throws(GeometryError) -> Geometry {
        var polygons: [[[Point]]] = []
        for r in rings {
            if let last = polygons.last, let p = r.first, RingContainment.contains(last[0], p) {
                polygons[polygons.count - 1].append(r)
            } else {
                polygons.append([r])
            }
        }
        var parts: [Polygon] = []
        for (i, rs) in polygons.enumerated() {
            do { parts.append(try Polygon(rings: rs)) } catch { throw polygons.count > 1 ? error.inPolygon(i) : error }
        }
        return parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(try MultiPolygon(parts))
    }

    private func coordinate(_ r: Feature, x: String, y: String) throws(FormatError) -> Point {
        func value(_ c: String) throws(FormatError) -> Double {
            let cell = r.properties.first { $0.key == c }?.value
            guard let t = Self.text(cell), let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw FormatError(file: name, position: rowPosition(r), featureID: id(of: r),
                                  "column \(DisplayText.quoted(c)) holds \(Self.text(cell).map { DisplayText.quoted($0) } ?? "nothing"), not a number")
            }
            return v
        }
        return Point(x: try value(x), y: try value(y))
    }

    private func id(of row: Feature) -> String? {
        guard let idColumn else { return nil }
        return Self.text(row.properties.first { $0.key == idColumn }?.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func text(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }
}

/// Whether a point lies inside a ring (even-odd rule), for telling a hole from another part.
enum RingContainment {
    static func contains(_ ring: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}

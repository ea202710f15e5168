import LandbankGeometry
import Testing
@testable import LandbankFormats

@Suite("Ledgers: a WKT column, or one row per boundary point")
struct LedgerTests {
    @Test("the layout is told by the header")
    func layout() {
        #expect(LedgerLayout.of(columns: ["parcel_id", "WKT"]) == .wkt(column: "WKT"))
        #expect(LedgerLayout.of(columns: ["id", "点号", "X", "Y"]) == .vertices(x: "X", y: "Y", ring: nil, point: "点号"))
        #expect(LedgerLayout.of(columns: ["code", "东坐标", "北坐标", "圈号"]) == .vertices(x: "东坐标", y: "北坐标", ring: "圈号", point: nil))
        #expect(LedgerLayout.of(columns: ["id", "name"]) == nil)
    }

    func rows(_ cells: [[String]]) -> () throws(FormatError) -> Feature? {
        let header = ["id", "ring", "x", "y"]
        var i = 0
        return { () throws(FormatError) -> Feature? in
            guard i < cells.count else { return nil }
            defer { i += 1 }
            return Feature(index: i, id: nil, properties: zip(header, cells[i]).map { JSONMember($0.0, .string($0.1)) }, geometry: nil)
        }
    }

    @Test("vertex rows join into parcels; a hole is told by containment; rings close themselves")
    func vertices() throws {
        let square = [["A", "1", "0", "0"], ["A", "1", "10", "0"], ["A", "1", "10", "10"], ["A", "1", "0", "10"],
                      ["A", "2", "2", "2"], ["A", "2", "4", "2"], ["A", "2", "4", "4"], ["A", "2", "2", "4"],
                      ["B", "1", "20", "0"], ["B", "1", "30", "0"], ["B", "1", "30", "10"], ["B", "1", "20", "0"]]
        let reader = LedgerReader(name: "v.csv", layout: .vertices(x: "x", y: "y", ring: "ring", point: nil), idColumn: "id",
                                  rows: rows(square), rowPosition: { "row \($0.index + 2)" })
        let a = try #require(try reader.next())
        guard case .polygon(let p) = a.geometry else { Issue.record("A is \(String(describing: a.geometry))"); return }
        #expect(p.holes.count == 1 && p.exterior.points.count == 5)
        #expect(a.properties.first == JSONMember("id", .string("A")))
        let b = try #require(try reader.next())
        #expect(b.index == 1)
        #expect(try reader.next() == nil)
    }

    @Test("a parcel whose rows are not consecutive, or a coordinate that is not a number, is refused naming the row")
    func badRows() throws {
        let split = [["A", "1", "0", "0"], ["A", "1", "1", "0"], ["A", "1", "1", "1"], ["B", "1", "5", "5"], ["B", "1", "6", "5"],
                     ["B", "1", "6", "6"], ["A", "1", "0", "1"]]
        let r1 = LedgerReader(name: "v.csv", layout: .vertices(x: "x", y: "y", ring: nil, point: nil), idColumn: "id",
                              rows: rows(split), rowPosition: { "row \($0.index + 2)" })
        _ = try r1.next()
        _ = try r1.next()
        #expect { _ = try r1.next() } throws: { "\($0)" == "v.csv: row 8 (id \"A\"): parcel \"A\"'s vertices do not stand on consecutive rows (it appeared earlier)" }
        let r2 = LedgerReader(name: "v.csv", layout: .vertices(x: "x", y: "y", ring: nil, point: nil), idColumn: "id",
                              rows: rows([["A", "1", "0", "zero"]]), rowPosition: { "row \($0.index + 2)" })
        #expect { _ = try r2.next() } throws: { "\($0)".contains("row 2 (id \"A\"): column \"y\" holds \"zero\", not a number") }
    }
}

import Foundation
import Testing
@testable import LandbankGeometry

/// A temporary directory of one test's own; the test removes it when done.
private struct Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `bytes` to a new `parcels-….csv` and returns its path.
    func file(_ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent("parcels-\(UUID().uuidString.prefix(8)).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    func file(_ text: String) throws -> String {
        try file(Array(text.utf8))
    }
}

private func readAll(_ reader: CSVReader) throws -> [CSVRecord] {
    var records: [CSVRecord] = []
    while let r = try reader.next() { records.append(r) }
    return records
}

private func csvError(_ body: () throws -> Void) -> CSVError? {
    #expect(throws: CSVError.self) { try body() }
}

@Test("quoted fields keep commas, doubled quotes and line breaks; records know their first line")
func quotedFields() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = try scratch.file(#"""
        id,name,wkt
        1,"Lot, north","POLYGON ((0 0, 1 0, 1 1, 0 0))"
        2,"say ""hi""","line one
        line two"
        3,张江地块,plain

        """#)
    let reader = try CSVReader(path: path)
    #expect(reader.header == ["id", "name", "wkt"])
    let records = try readAll(reader)
    #expect(records == [
        CSVRecord(fields: ["1", "Lot, north", "POLYGON ((0 0, 1 0, 1 1, 0 0))"], line: 2, index: 0),
        CSVRecord(fields: ["2", "say \"hi\"", "line one\nline two"], line: 3, index: 1),
        CSVRecord(fields: ["3", "张江地块", "plain"], line: 5, index: 2),
    ])
}

@Test("CRLF ends records; a CRLF inside quotes is kept verbatim and counted as one line")
func crlf() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = try scratch.file("a,b\r\n\"x\r\ny\",2\r\n3,\r\n\"\",\"\"\r\n")
    let records = try readAll(try CSVReader(path: path))
    #expect(records.map(\.fields) == [["x\r\ny", "2"], ["3", ""], ["", ""]])
    #expect(records.map(\.line) == [2, 4, 5])
}

@Test("a UTF-8 byte order mark is not part of the first header name")
func byteOrderMark() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    #expect(try CSVReader(path: try scratch.file("\u{FEFF}id,name\n1,a\n")).header == ["id", "name"])
    #expect(try CSVReader(path: try scratch.file("\u{FEFF}\"id\",name\n1,a\n")).header == ["id", "name"])
}

@Test("a record with too many or too few fields names its line and both counts, and reading goes on")
func wrongFieldCount() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = try scratch.file("a,b,c\n1,2,3\n\"multi\nline\",5,6,7\n8,9\n10,11,12\n")
    let reader = try CSVReader(path: path)
    #expect(try reader.next()?.line == 2)
    let tooMany = csvError { _ = try reader.next() }
    #expect(tooMany == CSVError(file: path, line: 3, .fieldCount(found: 4, expected: 3)))
    #expect(tooMany?.description == "\(path):3: 4 fields, header has 3")
    #expect(csvError { _ = try reader.next() } == CSVError(file: path, line: 5, .fieldCount(found: 2, expected: 3)))
    #expect(try reader.next() == CSVRecord(fields: ["10", "11", "12"], line: 6, index: 3))
    #expect(try reader.next() == nil)
}

@Test("a quote left open at the end of the file is reported at the line where it opened")
func unterminatedQuote() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = try scratch.file("a,b\n1,2\n3,\"POLYGON ((0 0,\n1 0, 1 1, 0 0))\n")
    let reader = try CSVReader(path: path)
    _ = try reader.next()
    let e = csvError { _ = try reader.next() }
    #expect(e == CSVError(file: path, line: 3, .unterminatedQuote(field: 2)))
    #expect(e?.description == "\(path):3: field 2 opens a quote that is never closed")
}

@Test("text after a closing quote fails its record only")
func textAfterClosingQuote() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let reader = try CSVReader(path: try scratch.file("a,b\n\"x\"y,1\n2,3\n"))
    #expect(csvError { _ = try reader.next() }?.kind == .textAfterClosingQuote(field: 1))
    #expect(try reader.next()?.fields == ["2", "3"])
}

@Test("invalid UTF-8 is reported with its line and field, and the next record still reads")
func invalidUTF8() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let path = try scratch.file(Array("a,b\n1,ok\n2,".utf8) + [0xE5, 0xBC] + Array("\n3,ok\n".utf8))
    let reader = try CSVReader(path: path)
    _ = try reader.next()
    #expect(csvError { _ = try reader.next() } == CSVError(file: path, line: 3, .invalidUTF8(field: 2)))
    #expect(try reader.next() == CSVRecord(fields: ["3", "ok"], line: 4, index: 2))
}

@Test("blank lines, trailing or not, are skipped but counted; a last line needs no line break")
func blankLines() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let records = try readAll(try CSVReader(path: try scratch.file("a,b\n\n1,2\r\n\r\n\n3,4")))
    #expect(records == [CSVRecord(fields: ["1", "2"], line: 3, index: 0), CSVRecord(fields: ["3", "4"], line: 6, index: 1)])
    #expect(try readAll(try CSVReader(path: try scratch.file("a,b\n1,2\n\n\n"))).count == 1)
}

@Test("semicolon and tab files read with their delimiter, where commas are plain data")
func otherDelimiters() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let semicolon = try CSVReader(path: try scratch.file("编号;面积\n1;\"2,5\"\n"), delimiter: .semicolon)
    #expect(semicolon.header == ["编号", "面积"])
    #expect(try semicolon.next()?.fields == ["1", "2,5"])
    let tab = try CSVReader(path: try scratch.file("id\twkt\n7\tPOLYGON ((0 0, 1 0, 1 1, 0 0))\n"), delimiter: .tab)
    #expect(try tab.next()?.fields == ["7", "POLYGON ((0 0, 1 0, 1 1, 0 0))"])
}

@Test("a missing file and an empty file are errors naming the file")
func missingAndEmpty() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let missing = csvError { _ = try CSVReader(path: "/nonexistent/parcels.csv") }
    #expect(missing == CSVError(file: "/nonexistent/parcels.csv", line: nil, .cannotOpen(reason: "No such file or directory")))
    let empty = try scratch.file("")
    #expect(csvError { _ = try CSVReader(path: empty) } == CSVError(file: empty, line: 1, .missingHeader))
}

@Test("50,000 rows, several chunks' worth, all come back with their line numbers")
func largeFile() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    var text = "id,name,wkt\n"
    var expected: [CSVRecord] = []
    var line = 2
    for i in 0..<50_000 {
        // Every 7th WKT spans two lines, so line numbers drift from row numbers.
        let wkt = i % 7 == 0
            ? "POLYGON ((\(i) 0, \(i + 1) 0,\n\(i + 1) 1, \(i) 0))"
            : "POLYGON ((\(i) 0, \(i + 1) 0, \(i + 1) 1, \(i) 0))"
        text += "\(i),\"地块 \"\"\(i)\"\"\",\"\(wkt)\"\n"
        expected.append(CSVRecord(fields: ["\(i)", "地块 \"\(i)\"", wkt], line: line, index: i))
        line += i % 7 == 0 ? 2 : 1
    }
    #expect(text.utf8.count > 3 << 20)
    let records = try readAll(try CSVReader(path: try scratch.file(text)))
    #expect(records.count == 50_000)
    // Report the first difference only: printing two 50,000-record arrays would drown the log.
    if let i = records.indices.first(where: { $0 < expected.count && records[$0] != expected[$0] }) {
        Issue.record("row \(i): read \(records[i]), expected \(expected[i])")
    }
}

@Test("every chunk size splits fields, quotes, CRLFs and the BOM somewhere, and the records never change")
func chunkBoundaries() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let text = "\u{FEFF}id,\"name\",wkt\r\n1,\"a \"\"quoted\"\" name\",\"POLYGON ((0 0,\r\n1 0, 1 1, 0 0))\"\r\n"
        + "2,张江高科技园区,\"\"\"\"\r\n\r\n3,,\"x,y\"\n4,\"\",z"
    let path = try scratch.file(text)
    let reference = try readAll(try CSVReader(path: path))
    #expect(reference == [
        CSVRecord(fields: ["1", "a \"quoted\" name", "POLYGON ((0 0,\r\n1 0, 1 1, 0 0))"], line: 2, index: 0),
        CSVRecord(fields: ["2", "张江高科技园区", "\""], line: 4, index: 1),
        CSVRecord(fields: ["3", "", "x,y"], line: 6, index: 2),
        CSVRecord(fields: ["4", "", "z"], line: 7, index: 3),
    ])
    for chunkSize in 4...text.utf8.count + 1 {
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        #expect(reader.header == ["id", "name", "wkt"], "chunk size \(chunkSize)")
        #expect(try readAll(reader) == reference, "chunk size \(chunkSize)")
    }
}

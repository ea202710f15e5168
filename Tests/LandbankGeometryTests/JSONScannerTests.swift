import Foundation
import Testing
@testable import LandbankGeometry

/// The first error met reading all of `bytes` as GeoJSON.
private func firstError(_ bytes: [UInt8]) throws -> GeoJSONReadError? {
    let path = try geoJSONFile("")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do throws(GeoJSONReadError) {
        _ = try readAllFeatures(path)
        return nil
    } catch {
        return error
    }
}

private func firstError(_ text: String) throws -> GeoJSONReadError? {
    try firstError(Array(text.utf8))
}

/// A collection of one feature whose `properties` member is `properties`, on line 2.
private func withProperties(_ properties: String) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":null}\n]}"
}

private func properties(_ properties: String) throws -> [JSONMember] {
    let path = try geoJSONFile(withProperties(properties))
    return try readAllFeatures(path)[0].properties
}

@Suite("JSON syntax in GeoJSON files")
struct JSONScannerTests {
    @Test("escapes decode, surrogate pairs included, and UTF-8 passes through")
    func stringEscapes() throws {
        let members = try properties(#"""
        {"q":"say \"hi\"\\ \/ \b\f\n\r\t","u":"\u00e9\u65B0\uD83D\uDE00","zh":"新余高新区","nul":"a\u0000b","":""}
        """#)
        #expect(members == [
            JSONMember("q", .string("say \"hi\"\\ / \u{8}\u{C}\n\r\t")),
            JSONMember("u", .string("é新😀")),
            JSONMember("zh", .string("新余高新区")),
            JSONMember("nul", .string("a\u{0}b")),
            JSONMember("", .string("")),
        ])
    }

    @Test("numbers in properties keep their literal text; nested values keep their order")
    func propertyValues() throws {
        let members = try properties(#"{"a":-0.0,"b":1E+2,"c":[1,{"z":1,"a":2}],"d":{},"e":[],"f":false}"#)
        #expect(members == [
            JSONMember("a", .number("-0.0")), JSONMember("b", .number("1E+2")),
            JSONMember("c", .array([.number("1"), .object([JSONMember("z", .number("1")), JSONMember("a", .number("2"))])])),
            JSONMember("d", .object([])), JSONMember("e", .array([])), JSONMember("f", .bool(false)),
        ])
    }

    @Test("bad strings are refused where they go wrong")
    func badStrings() throws {
        // withProperties puts `{"a":` at columns 32...36 of line 2, so the value starts at column 37.
        let escape = try #require(try firstError(withProperties(#"{"a":"ab\x"}"#)))
        #expect(escape.reason == .invalidEscape && escape.line == 2 && escape.column == 40)
        let lone = try #require(try firstError(withProperties(#"{"a":"\uD800x"}"#)))
        #expect(lone.reason == .invalidEscape)
        let lowFirst = try #require(try firstError(withProperties(#"{"a":"\uDE00\uD83D"}"#)))
        #expect(lowFirst.reason == .invalidEscape)
        let newline = try #require(try firstError(withProperties("{\"a\":\"ab\ncd\"}")))
        #expect(newline.reason == .unterminatedString && newline.line == 2 && newline.column == 40)
        let control = try #require(try firstError(withProperties("{\"a\":\"a\u{1}\"}")))
        #expect(control.reason == .controlCharacterInString)
        let eof = try #require(try firstError("{\"features\":[{\"properties\":{\"a\":\"abc"))
        #expect(eof.reason == .unterminatedString && eof.featureIndex == 0)
        var bytes = Array(withProperties(#"{"a":"xy"}"#).utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "x"))!] = 0xFF
        let utf8 = try #require(try firstError(bytes))
        #expect(utf8.reason == .invalidUTF8 && utf8.column == 37)
    }

    @Test("UTF-8 is checked as RFC 3629 has it: no overlong forms, surrogates or code points past U+10FFFF")
    func utf8Validation() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { JSONScanner.isValidUTF8($0) } }
        #expect(valid(Array("新余高新区 é 😀 abc".utf8)))
        #expect(valid([0xF4, 0x8F, 0xBF, 0xBF]))  // U+10FFFF
        for bad: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                             [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE6, 0x96], [0x61, 0xE6, 0x96, 0x41]] {
            #expect(!valid(bad), "\(bad)")
        }
    }

    @Test("NaN, Infinity and other non-JSON numbers are invalid numbers, with their place")
    func invalidNumbers() throws {
        for (text, column) in [("NaN", 37), ("-Infinity", 37), ("Infinity", 37), ("01", 37), ("1.", 37),
                               (".5", 37), ("+1", 37), ("1e", 37), ("-", 37)] {
            let e = try #require(try firstError(withProperties(#"{"a":\#(text)}"#)), "\(text)")
            #expect(e.reason == .invalidNumber(text), "\(text)")
            #expect(e.line == 2 && e.column == column && e.featureIndex == 0, "\(text)")
        }
    }

    @Test("truncated files, stray commas and trailing text are refused with line and column")
    func brokenDocuments() throws {
        let full = withProperties(#"{"a":1}"#)
        let truncated = try #require(try firstError(String(full.prefix(while: { $0 != "}" }))))
        #expect(truncated.reason == .unexpectedEnd(expected: "',' or '}'"))
        #expect(truncated.line == 2 && truncated.column == 38 && truncated.featureIndex == 0)
        let cutLiteral = try #require(try firstError(String(full.dropLast(5))))
        #expect(cutLiteral.reason == .unexpectedEnd(expected: "'null'") && cutLiteral.column == 51)

        let strayComma = try #require(try firstError(withProperties(#"{"a":1,}"#)))
        #expect(strayComma.reason == .unexpectedCharacter(found: "'}'", expected: "a member name in quotes"))
        #expect(strayComma.line == 2 && strayComma.column == 39)

        let trailingElement = try #require(try firstError(#"{"features":[{"geometry":null},]}"#))
        #expect(trailingElement.reason == .unexpectedCharacter(found: "']'", expected: "a Feature object"))
        #expect(trailingElement.featureIndex == 1 && trailingElement.column == 32)

        let trailing = try #require(try firstError(full + "\n\n x"))
        #expect(trailing.reason == .trailingContent && trailing.line == 5 && trailing.column == 2)

        let missingColon = try #require(try firstError(#"{"features" []}"#))
        #expect(missingColon.reason == .unexpectedCharacter(found: "'['", expected: "':' after a member name"))

        let empty = try #require(try firstError(""))
        #expect(empty.reason == .unexpectedEnd(expected: "'{'") && empty.line == 1 && empty.column == 1)

        let notCollection = try #require(try firstError(#"{"type":"Polygon","coordinates":[]}"#))
        #expect(notCollection.reason == .unexpectedType(found: "Polygon", expected: "FeatureCollection"))
    }

    @Test("a feature of the wrong type, or an id that is an object, spoils only that feature")
    func badFeatureMembers() throws {
        let e = try #require(try firstError(#"{"features":[{"type":"Point","id":{"x":1}}]}"#))
        #expect(e.reason == .unexpectedType(found: "Point", expected: "Feature") && e.isRecoverable)
        let id = try #require(try firstError(#"{"features":[{"id":{"x":1}}]}"#))
        #expect(id.reason == .invalidMember(name: "id", expected: "a string or a number"))
    }

    @Test("nesting is limited so that a hostile file cannot exhaust the stack")
    func nestingLimit() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let e = try #require(try firstError(withProperties(#"{"a":\#(deep)}"#)))
        #expect(e.reason == .nestingTooDeep(limit: JSONScanner.maxDepth))
    }
}

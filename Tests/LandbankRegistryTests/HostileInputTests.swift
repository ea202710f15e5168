import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// A parcel near Xinyu in lon/lat, as RFC 7946 GeoJSON has it.
let xinyuSquare = #"{"type":"Polygon","coordinates":[[[114.9,27.8],[114.901,27.8],[114.901,27.801],[114.9,27.801],[114.9,27.8]]]}"#

/// A FeatureCollection of the given features (JSON text), one a line from line 2.
func collection(_ features: [String]) -> String {
    "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}"
}

/// A feature with the given id member text, properties and geometry.
func hostileFeature(id: String = "\"H-1\"", properties: String = "{}", geometry: String = xinyuSquare) -> String {
    "{\"type\":\"Feature\",\"id\":\(id),\"properties\":\(properties),\"geometry\":\(geometry)}"
}

/// Writes `bytes` as `name` in a fresh folder.
func hostileFile(_ bytes: [UInt8], name: String = "hostile.geojson") throws -> String {
    let path = try scratchDirectory() + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Each hostile file is imported into a fresh registry: it is refused with a one-line error naming file,
/// feature and reason, and the registry is left empty; or it is imported correctly.
@Suite("Hostile input: a clean refusal with nothing written, or a correct import")
struct HostileInputTests {
    /// The error importing `text` as `name` ends with; the registry must be empty afterwards.
    func refusal(_ text: String, name: String = "hostile.geojson", crs: String? = nil) throws -> ImportError {
        // Foundation's conversion: a debug build copying 20 MB through `text.utf8` would take seconds.
        try refusal(data: text.data(using: .utf8)!, name: name, crs: crs)
    }

    func refusal(data: Data, name: String = "hostile.geojson", crs: String? = nil) throws -> ImportError {
        let path = try scratchDirectory() + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        let r = try newRegistry()
        var caught: ImportError?
        do {
            _ = try r.importFile(path, ImportOptions(crs: crs))
        } catch let e as ImportError {
            caught = e
        }
        #expect(try r.parcelCount == 0, "\(name): something was written")
        let e = try #require(caught, "\(name) was imported")
        #expect(!e.description.contains("\n") && !e.description.unicodeScalars.contains { $0.value < 0x20 },
                "the message is one line with no raw control character: \(e)")
        #expect(e.description.count < 1_000, "the message is short: \(e.description.prefix(200))")
        #expect(e.description.hasPrefix(name), "the message names the file: \(e)")
        return e
    }

    func imported(_ text: String, name: String = "ok.geojson", crs: String? = nil) throws -> (Registry, ImportSummary) {
        let r = try newRegistry()
        let s = try r.importFile(try hostileFile(Array(text.utf8), name: name), ImportOptions(crs: crs))  // small files only
        return (r, s)
    }

    // MARK: Sizes

    @Test("a 20 MB id stops the scanner at its opening quote: file, feature, line and column, the limit")
    func hugeID() throws {
        // Built as bytes: a debug build is slow to convert 20 MB of String.
        let parts = collection([hostileFeature(id: "\"@\"")]).components(separatedBy: "@")
        var data = Data(parts[0].utf8)
        data.append(Data(repeating: UInt8(ascii: "A"), count: 20 << 20))
        data.append(Data(parts[1].utf8))
        let e = try refusal(data: data)
        #expect(e.position == "feature 1" && e.location == "line 2, column 24")
        #expect(e.description.contains("16777216"))
    }

    @Test("an id of 256 characters is refused, naming the feature and FeatureLimits.idCharacters")
    func longID() throws {
        let id = String(repeating: "地", count: FeatureLimits.idCharacters + 1)
        let e = try refusal(collection([hostileFeature(id: "\"\(id)\"")]))
        #expect(e.position == "feature 1" && e.featureID == id)
        #expect(e.description.contains("256 characters") && e.description.contains("FeatureLimits.idCharacters"))
        // The id is shown cut short, not all 256 characters.
        #expect(e.description.contains("…\" (256 characters)"))
        let ok = String(repeating: "地", count: FeatureLimits.idCharacters)
        let (r, s) = try imported(collection([hostileFeature(id: "\"\(ok)\"")]))
        #expect(try s.imported.parcels == 1 && r.parcel(id: ok) != nil)
    }

    @Test("a name, zone or land_use longer than FeatureLimits.textCharacters is refused naming the property")
    func longText() throws {
        for key in ["name", "zone", "land_use"] {
            let value = String(repeating: "x", count: FeatureLimits.textCharacters + 1)
            let e = try refusal(collection([hostileFeature(properties: "{\"\(key)\":\"\(value)\"}")]))
            #expect(e.featureID == "H-1" && e.description.contains("\"\(key)\" is 1001 characters long; the most is 1000"))
        }
    }

    @Test("one property over 64 KiB, or all of them over 1 MiB, is refused")
    func bigProperties() throws {
        let big = String(repeating: "y", count: FeatureLimits.propertyValueBytes)
        let one = try refusal(collection([hostileFeature(properties: "{\"notes\":\"\(big)\"}")]))
        #expect(one.description.contains("\"notes\" is 65538 bytes as JSON") && one.position == "feature 1")
        let part = String(repeating: "z", count: 60_000)
        let many = (0..<20).map { "\"p\($0)\":\"\(part)\"" }.joined(separator: ",")
        let all = try refusal(collection([hostileFeature(properties: "{\(many)}")]))
        #expect(all.description.contains("more than 1048576 bytes"))
    }

    @Test("a properties member holding a million values is refused before it is held in memory")
    func manyValues() throws {
        let array = "[" + String(repeating: "1,", count: 1_100_000) + "1]"
        let e = try refusal(collection([hostileFeature(properties: "{\"a\":\(array)}")]))
        #expect(e.position == "feature 1" && e.description.contains("33554432"))
    }

    // MARK: NUL and control characters

    @Test("NUL in an id is refused, escaped in the message, never stored cut short")
    func nulID() throws {
        let e = try refusal(collection([hostileFeature(id: #""NUL\u0000ID""#)]))
        #expect(e.description.contains(#"(id "NUL\u0000ID")"#) && e.description.contains("NUL character"))
        // Two ids differing after a NUL: refused as NUL, not reported as duplicates.
        let two = try refusal(collection([hostileFeature(id: #""A\u0000X""#), hostileFeature(id: #""A\u0000Y""#)]))
        #expect(two.position == "feature 1" && !two.description.contains("duplicate"))
        let newline = try refusal(collection([hostileFeature(id: #""A\nB""#)]))
        #expect(newline.description.contains("control character"))
    }

    @Test("NUL in name, zone or land_use is refused naming the feature and the property")
    func nulText() throws {
        for key in ["name", "zone", "land_use"] {
            let e = try refusal(collection([hostileFeature(properties: "{\"\(key)\":\"abc\\u0000def\"}")]))
            #expect(e.featureID == "H-1" && e.description.contains("property \"\(key)\" holds a NUL character"))
        }
    }

    @Test("NUL in another property is kept whole in the properties JSON")
    func nulKept() throws {
        let (r, _) = try imported(collection([hostileFeature(properties: #"{"note":"a\u0000b","name":"ok"}"#)]))
        let p = try #require(try r.parcel(id: "H-1")).parcel
        #expect(p.properties == #"{"note":"a\u0000b"}"# && p.name == "ok")
    }

    @Test("NUL in a CSV name cell is refused too")
    func nulCSV() throws {
        let csv = "id,name,wkt\nC-1,\"a\u{0}b\",\"POLYGON ((588000 3076000, 588100 3076000, 588100 3076100, 588000 3076000))\"\n"
        let e = try refusal(csv, name: "nul.csv", crs: "EPSG:4547")
        #expect(e.position == "row 1" && e.description.contains("\"name\" holds a NUL"))
    }

    // MARK: Nesting, encoding, numbers

    @Test("100,000 nested arrays or objects are refused as too deep, in properties and in coordinates")
    func deepNesting() throws {
        let arrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let objects = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        for text in [hostileFeature(properties: "{\"a\":\(arrays)}"), hostileFeature(properties: objects),
                     hostileFeature(geometry: "{\"type\":\"Polygon\",\"coordinates\":\(arrays)}")] {
            let e = try refusal(collection([text]))
            #expect(e.position == "feature 1" && e.description.contains("nested more than 256 deep"))
        }
    }

    @Test("invalid UTF-8 in a string is refused with its line and column")
    func invalidUTF8() throws {
        var bytes = Array(collection([hostileFeature(properties: "{\"name\":\"ab@\"}")]).utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "@"))!] = 0xFF
        let e = try refusal(data: Data(bytes))
        #expect(e.position == "feature 1" && e.location == "line 2, column 51" && e.description.contains("not valid UTF-8"))
    }

    @Test("1e309 is refused as non-finite, in properties and in coordinates")
    func overflow() throws {
        let p = try refusal(collection([hostileFeature(properties: #"{"area":1e309}"#)]))
        #expect(p.position == "feature 1" && p.description.contains("1e309") && p.description.contains("not a finite"))
        let huge = #"{"type":"Polygon","coordinates":[[[114.9,27.8],[1e309,27.8],[114.901,27.801],[114.9,27.8]]]}"#
        let c = try refusal(collection([hostileFeature(geometry: huge)]))
        guard case .geometry(let g) = c.reason else { Issue.record("\(c)"); return }
        #expect(g.kind == .nonFiniteCoordinate && g.coordinate == 1)
    }

    @Test("1e308 coordinates do not crash the import")
    func hugeCoordinates() throws {
        let huge = #"{"type":"Polygon","coordinates":[[[1e308,1e308],[-1e308,1e308],[-1e308,-1e308],[1e308,1e308]]]}"#
        _ = try refusal(collection([hostileFeature(geometry: huge)]))
    }

    // MARK: Empty things

    @Test("an empty FeatureCollection imports 0 parcels")
    func emptyCollection() throws {
        let (r, s) = try imported(#"{"type":"FeatureCollection","features":[]}"#)
        #expect(try s.imported.parcels == 0 && r.parcelCount == 0)
    }

    @Test("empty geometries and rings are refused naming the feature")
    func emptyGeometries() throws {
        for geometry in [#"{"type":"Polygon","coordinates":[]}"#, #"{"type":"Polygon","coordinates":[[]]}"#,
                         #"{"type":"MultiPolygon","coordinates":[]}"#, #"{"type":"MultiPolygon","coordinates":[[]]}"#,
                         #"{"type":"Polygon"}"#, "null", "{}"] {
            let e = try refusal(collection([hostileFeature(geometry: geometry)]))
            #expect(e.position == "feature 1" && e.featureID == "H-1", "\(geometry): \(e)")
        }
    }

    @Test("an empty file and a file of whitespace are refused, not imported as nothing")
    func emptyFiles() throws {
        let empty = try refusal("")
        #expect(empty.description == "hostile.geojson is empty (0 bytes)")
        _ = try refusal("   \n")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import LandbankGeometry

/// Writes `text` to a fresh file in a temporary directory of its own and returns its path.
func geoJSONFile(_ text: String, name: String = "parcels.geojson") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-geojson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Every feature of the file, read with the given chunk size.
func readAllFeatures(_ path: String, chunkSize: Int = GeoJSONReader.defaultChunkSize) throws(GeoJSONReadError) -> [Feature] {
    let reader = try GeoJSONReader(path: path, chunkSize: chunkSize)
    var features: [Feature] = []
    while let f = try reader.next() { features.append(f) }
    return features
}

/// The error that reading the whole of `text` ends with.
private func readError(_ text: String) throws -> GeoJSONReadError? {
    let path = try geoJSONFile(text)
    var caught: GeoJSONReadError?
    #expect(throws: GeoJSONReadError.self) {
        do throws(GeoJSONReadError) { _ = try readAllFeatures(path) } catch { caught = error; throw error }
    }
    return caught
}

private func ring(_ xy: [(Double, Double)]) throws -> Ring {
    try Ring(xy.map { Point(x: $0.0, y: $0.1) })
}

/// Three parcels of a Xinyu zone in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547), as ogr2ogr writes them.
private let zoneParcels = #"""
{
"type": "FeatureCollection",
"name": "parcels",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::4547" } },
"features": [
{ "type": "Feature", "id": "XY-001", "properties": { "zone": "新余高新区", "area_mu": 3575.105, "idle": true, "owner": null, "tags": ["闲置", "低效"] }, "geometry": { "type": "Polygon", "coordinates": [ [ [ 489000.0, 3079000.0, 52.1 ], [ 489100.0, 3079000.0, 52.1 ], [ 489100.0, 3079100.0, 52.1 ], [ 489000.0, 3079000.0, 52.1 ] ], [ [ 489010.5, 3079010.25 ], [ 489020.0, 3079010.25 ], [ 489020.0, 3079020.0 ], [ 489010.5, 3079010.25 ] ] ] } },
{ "type": "Feature", "id": 1002, "properties": { "code": "0012345678901234567890" }, "geometry": { "type": "MultiPolygon", "coordinates": [ [ [ [ 0, 0 ], [ 1, 0 ], [ 1, 1 ], [ 0, 0 ] ] ], [ [ [ 2, 2 ], [ 3, 2 ], [ 3, 3 ], [ 2, 2 ] ] ] ] } },
{ "type": "Feature", "properties": null, "geometry": null }
]
}
"""#

@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    @Test("an ogr2ogr collection reads into ids, ordered properties, holes and multipolygons")
    func readsZoneParcels() throws {
        let reader = try GeoJSONReader(path: try geoJSONFile(zoneParcels))
        #expect(try reader.header() == GeoJSONHeader(crsName: "urn:ogc:def:crs:EPSG::4547", name: "parcels"))

        let first = try #require(try reader.next())
        #expect(first.index == 0)
        #expect(first.id == "XY-001")
        #expect(first.properties == [
            JSONMember("zone", .string("新余高新区")), JSONMember("area_mu", .number("3575.105")),
            JSONMember("idle", .bool(true)), JSONMember("owner", .null),
            JSONMember("tags", .array([.string("闲置"), .string("低效")])),
        ])
        let expected = Polygon(
            exterior: try ring([(489000, 3079000), (489100, 3079000), (489100, 3079100), (489000, 3079000)]),
            holes: [try ring([(489010.5, 3079010.25), (489020, 3079010.25), (489020, 3079020), (489010.5, 3079010.25)])])
        #expect(first.geometry == .polygon(expected))

        let second = try #require(try reader.next())
        #expect(second.index == 1)
        #expect(second.id == "1002")  // a numeric id keeps its literal text
        #expect(second.properties == [JSONMember("code", .string("0012345678901234567890"))])
        guard case .multiPolygon(let multi)? = second.geometry else {
            Issue.record("expected a MultiPolygon, got \(String(describing: second.geometry))")
            return
        }
        #expect(multi.polygons.count == 2)
        #expect(multi.polygons[1].exterior.points[1] == Point(x: 3, y: 2))

        let third = try #require(try reader.next())
        #expect(third.index == 2 && third.id == nil && third.properties.isEmpty && third.geometry == nil)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }


    @Test("coordinates may come before the type, for polygons and multipolygons")
    func coordinatesBeforeType() throws {
        let path = try geoJSONFile(#"""
        {"features":[
        {"geometry":{"coordinates":[[[0,0],[4,0],[4,4],[0,0]]],"bbox":[0,0,4,4],"type":"Polygon"},"type":"Feature"},
        {"geometry":{"coordinates":[[[[0,0],[4,0],[4,4],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]],"type":"MultiPolygon"}}
        ],"type":"FeatureCollection"}
        """#)
        let features = try readAllFeatures(path)
        let square = Polygon(exterior: try ring([(0, 0), (4, 0), (4, 4), (0, 0)]))
        let small = Polygon(exterior: try ring([(5, 5), (6, 5), (6, 6), (5, 5)]))
        #expect(features.count == 2)
        #expect(features[0].geometry == .polygon(square))
        #expect(features[1].geometry == .multiPolygon(try MultiPolygon([square, small])))
    }

    @Test("the crs name is returned as written, in each of its old-style forms")
    func crsForms() throws {
        func crs(_ member: String) throws -> String? {
            let path = try geoJSONFile(#"{"type":"FeatureCollection",\#(member)"features":[]}"#)
            return try GeoJSONReader(path: path).header().crsName
        }
        #expect(try crs(#""crs":{"type":"name","properties":{"name":"EPSG:4547"}},"#) == "EPSG:4547")
        #expect(try crs(#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"#)
            == "urn:ogc:def:crs:EPSG::4490")
        #expect(try crs(#""crs":{"type":"EPSG","properties":{"code":4547}},"#) == "EPSG:4547")
        #expect(try crs(#""bbox":[0,0,1,1],"crs":null,"#) == nil)
        #expect(try crs("") == nil)
    }

    @Test("a crs after the features cannot be streamed and is refused where it stands")
    func crsAfterFeatures() throws {
        let e = try #require(try readError("{\"type\":\"FeatureCollection\",\"features\":[],\n \"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4547\"}}}"))
        #expect(e.reason == .crsAfterFeatures)
        #expect(e.line == 2 && e.column == 2)
        #expect(e.featureIndex == nil)
    }

    @Test("an unclosed ring in feature 2 names feature, id, ring and the ring's place; reading goes on")
    func unclosedRing() throws {
        let path = try geoJSONFile("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"A","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
        {"type":"Feature","id":"B","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
        {"type":"Feature","id":"C","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
        {"type":"Feature","id":"D","properties":{},"geometry":null}
        ]}
        """)
        let reader = try GeoJSONReader(path: path)
        #expect(try reader.next()?.id == "A")
        #expect(try reader.next()?.id == "B")
        var caught: GeoJSONReadError?
        do throws(GeoJSONReadError) { _ = try reader.next() } catch { caught = error }
        let e = try #require(caught)
        #expect(e.featureIndex == 2 && e.featureID == "C")
        #expect(e.geometryError == GeometryError(.unclosedRing, ring: 0))
        #expect(e.line == 4 && e.column == 88)
        #expect(e.isRecoverable)
        #expect(e.description == path + #":4:88: feature 2 (id "C"): ring is not closed (first and last points differ) (at exterior ring)"#)
        #expect(try reader.next()?.id == "D")
        #expect(try reader.next() == nil)
    }

    @Test("ring errors inside a multipolygon name the polygon, the hole and the coordinate")
    func multiPolygonRingErrors() throws {
        let e = try #require(try readError(#"""
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon",
        "coordinates":[[[[0,0],[9,0],[9,9],[0,0]]],[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[1e999,2],[1,1]]]]}}]}
        """#))
        #expect(e.geometryError == GeometryError(.nonFiniteCoordinate, polygon: 1, ring: 1, coordinate: 2))
        #expect(e.featureIndex == 0 && e.featureID == nil)
        #expect(e.line == 2 && e.column == 71)
        let short = try #require(try readError(#"""
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}}]}
        """#))
        #expect(short.geometryError?.kind == .tooFewPoints(count: 3))
    }

    @Test("a LineString is refused at its type, and the next feature is still read")
    func wrongGeometryType() throws {
        let path = try geoJSONFile("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"L","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
        {"type":"Feature","geometry":{"geometries":[],"type":"GeometryCollection"}},
        {"type":"Feature","geometry":{"coordinates":[0,0],"type":"Point"}},
        {"type":"Feature","id":"ok","geometry":null}
        ]}
        """)
        let reader = try GeoJSONReader(path: path)
        var reasons: [GeoJSONReadError.Reason] = []
        var places: [String] = []
        while true {
            do throws(GeoJSONReadError) {
                guard let f = try reader.next() else { break }
                #expect(f.id == "ok" && f.index == 3)
            } catch {
                #expect(error.isRecoverable)
                reasons.append(error.reason)
                places.append("\(error.featureIndex ?? -1)/\(error.featureID ?? "-")@\(error.line):\(error.column)")
            }
        }
        #expect(reasons == [.wrongGeometryType("LineString"), .wrongGeometryType("GeometryCollection"),
                            .wrongGeometryType("Point")])
        #expect(places == ["0/L@2:47", "1/-@3:54", "2/-@4:58"])
    }

    @Test("coordinates of the wrong nesting are malformed, not mistaken for rings")
    func malformedCoordinates() throws {
        let deep = try #require(try readError(#"""
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}]}
        """#))
        #expect(deep.reason == .malformedCoordinates("Polygon coordinates must be [[[x, y], ...], ...]"))
        let lonely = try #require(try readError(#"""
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0,0]]]}}]}
        """#))
        #expect(lonely.reason == .malformedCoordinates("a position has one number; it needs x and y"))
        #expect(lonely.column == 104)
        let missing = try #require(try readError(#"""
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon"}}]}
        """#))
        #expect(missing.reason == .missingMember("coordinates"))
    }
}

@Suite("GeoJSON reader over large files")
struct GeoJSONReaderStreamingTests {
    /// `count` square parcels on one line each, with ids, Chinese names and 7-decimal coordinates.
    static func manyParcels(_ count: Int) -> String {
        var text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":["#
        for i in 0..<count {
            let x = 114.9 + Double(i % 1000) * 0.0001234567, y = 27.8 + Double(i / 1000) * 0.0001234567
            let xs = String(format: "%.7f", x), ys = String(format: "%.7f", y)
            let xe = String(format: "%.7f", x + 0.0001), ye = String(format: "%.7f", y + 0.0001)
            text += i == 0 ? "\n" : ",\n"
            text += #"{"type":"Feature","id":"XY-\#(i)","properties":{"zone":"新余高新区","n":\#(i),"note":"a\"b\\c\u00e9"},"#
            text += #""geometry":{"type":"Polygon","coordinates":[[[\#(xs),\#(ys)],[\#(xe),\#(ys)],[\#(xe),\#(ye)],[\#(xs),\#(ys)]]]}}"#
        }
        return text + "\n]}\n"
    }

    @Test("a file of 20,000 features, several chunks long, returns every feature")
    func largerThanAChunk() throws {
        let text = Self.manyParcels(20_000)
        #expect(text.utf8.count > 3 * GeoJSONReader.defaultChunkSize)
        let reader = try GeoJSONReader(path: try geoJSONFile(text))
        #expect(try reader.header().crsName == "EPSG:4490")
        var count = 0
        while let f = try reader.next() {
            #expect(f.index == count)
            if f.id != "XY-\(count)" || f.properties[1].value != .number("\(count)") { Issue.record("feature \(count)") }
            if count == 12_345 {
                #expect(f.properties[2].value == .string("a\"b\\cé"))
                let p = f.geometry!.asMultiPolygon.polygons[0].exterior.points[0]
                #expect(p == Point(x: strtod(String(format: "%.7f", 114.9 + 345 * 0.0001234567), nil),
                                   y: strtod(String(format: "%.7f", 27.8 + 12 * 0.0001234567), nil)))
            }
            count += 1
        }
        #expect(count == 20_000)
    }

    @Test("any chunk size, down to one byte, reads the same features and reports the same places")
    func chunkBoundaries() throws {
        func summary(_ f: Feature) -> String {
            "\(f.index)|\(f.id ?? "-")|\(f.properties)|\(String(describing: f.geometry))"
        }
        let path = try geoJSONFile(zoneParcels)
        let whole = try readAllFeatures(path).map(summary)
        #expect(whole.count == 3)
        for size in [1, 2, 3, 5, 7, 13, 64, 127, 1000] {
            #expect(try readAllFeatures(path, chunkSize: size).map(summary) == whole, "chunk size \(size)")
        }
        let bad = try geoJSONFile("{\"features\":[\n  {\"properties\":{\"long\":1234567890123456789012345678901234567890123456789012345678901234567890.5e-3,"
            + "\"s\":\"\\uD83D\\uDE00\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,NaN]]]}}]}")
        for size in [1, 3, 64, 1 << 20] {
            var caught: GeoJSONReadError?
            do throws(GeoJSONReadError) { _ = try readAllFeatures(bad, chunkSize: size) } catch { caught = error }
            #expect(caught?.reason == .invalidNumber("NaN"), "chunk size \(size)")
            #expect(caught?.line == 2 && caught?.column == 187, "chunk size \(size)")
        }
    }

    @Test("a document that is one Feature reads as a collection of one")
    func singleFeature() throws {
        let path = try geoJSONFile(#"""
        {"properties":{"zone":"A"},"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}
        """#)
        let reader = try GeoJSONReader(path: path)
        #expect(try reader.header() == GeoJSONHeader())
        let f = try #require(try reader.next())
        #expect(f.index == 0 && f.properties == [JSONMember("zone", .string("A"))] && f.geometry != nil)
        #expect(try reader.next() == nil)
    }

    @Test("a missing file says so with its name")
    func missingFile() throws {
        var caught: GeoJSONReadError?
        do throws(GeoJSONReadError) { _ = try GeoJSONReader(path: "/nonexistent/parcels.geojson") } catch { caught = error }
        #expect(caught?.reason == .cannotOpen("No such file or directory"))
        #expect(caught?.description == "/nonexistent/parcels.geojson: cannot open: No such file or directory")
    }
}

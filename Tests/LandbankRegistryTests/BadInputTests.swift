import Foundation
import LandbankGeometry
import Testing
@testable import LandbankRegistry

/// Each file in Fixtures/bad/ has five features, the third (id BAD-002) bad; see Fixtures/README.md.
@Suite("Bad input: a clear error naming the feature, and nothing written")
struct BadInputTests {
    func refusal(_ file: String, crs: String? = nil) throws -> ImportError {
        let r = try newRegistry()
        var caught: ImportError?
        do {
            _ = try r.importFile(fixture("bad/" + file), ImportOptions(crs: crs))
        } catch let e as ImportError {
            caught = e
        }
        #expect(try r.parcelCount == 0, "\(file): something was written")
        return try #require(caught, "\(file) was imported")
    }

    @Test("truncated JSON names the line and column")
    func unreadable() throws {
        let e = try refusal("unreadable.geojson")
        #expect(e.position == "feature 3" && e.featureID == "BAD-002")
        #expect(e.location == "line 6, column 164")
        guard case .unreadable = e.reason else { Issue.record("\(e)"); return }
    }

    @Test("unparseable WKT in a CSV names the row and line")
    func badWKT() throws {
        let e = try refusal("bad-wkt.csv", crs: "EPSG:4547")
        #expect(e.position == "row 3" && e.featureID == "BAD-002" && e.location == "line 4")
        #expect(e.description.contains("WKT at character"))
    }

    @Test("a LineString is not a parcel")
    func wrongType() throws {
        let e = try refusal("wrong-type.geojson")
        guard case .geometry(let g) = e.reason, case .wrongGeometryType("LineString") = g.kind else {
            Issue.record("\(e)"); return
        }
        #expect(e.featureID == "BAD-002")
    }

    @Test("an unclosed ring and a three-point ring are refused with the ring named")
    func rings() throws {
        let unclosed = try refusal("unclosed-ring.geojson")
        guard case .geometry(let g1) = unclosed.reason else { Issue.record("\(unclosed)"); return }
        #expect(g1.kind == .unclosedRing && g1.ring == 0)
        let short = try refusal("too-short-ring.geojson")
        guard case .geometry(let g2) = short.reason else { Issue.record("\(short)"); return }
        #expect(g2.kind == .tooFewPoints(count: 3) && g2.ring == 0)
    }

    @Test("GEOS finds the bow-tie's self-intersection and the hole outside its shell, with a location")
    func invalid() throws {
        for (file, reason) in [("self-intersection.geojson", "Self-intersection"), ("hole-outside-shell.geojson", "Hole lies outside shell")] {
            let e = try refusal(file)
            guard case .invalid(let r, let at, let lonLat, let crs) = e.reason else { Issue.record("\(e)"); continue }
            #expect(r == reason && crs == "EPSG:4547" && e.featureID == "BAD-002")
            let ll = try #require(lonLat)
            #expect(at != nil && abs(ll.x - 114.85) < 0.1 && abs(ll.y - 27.88) < 0.1)
        }
    }

    @Test("an infinite coordinate and a NaN literal are refused")
    func nonFinite() throws {
        let inf = try refusal("nan-coordinate.geojson")
        guard case .geometry(let g) = inf.reason else { Issue.record("\(inf)"); return }
        #expect(g.kind == .nonFiniteCoordinate && g.coordinate == 1)
        let nan = try refusal("nan-literal.geojson")
        #expect(nan.featureID == "BAD-002" && nan.description.contains("NaN"))
    }

    @Test("latitude and longitude swapped cannot be placed")
    func swapped() throws {
        let e = try refusal("swapped-latlon.geojson")
        #expect(e.featureID == "BAD-002")
        #expect(e.description.contains("swapped"))
    }

    @Test("a projected file with easting and northing swapped is refused as swapped, and imported with --fix-axes")
    func swappedProjected() throws {
        let dir = try scratchDirectory()
        let path = dir + "/swapped.geojson"
        // Northing and easting exchanged: (3076000, 588000) in EPSG:4547 is nowhere near Xinyu.
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"S-1","properties":{},"geometry":{"type":"Polygon","coordinates":[[[3076000,588000],[3076100,588000],[3076100,588100],[3076000,588000]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try newRegistry()
        #expect {
            try r.importFile(path)
        } throws: { e in
            guard let e = e as? ImportError, case .crs(let text) = e.reason else { return false }
            return text.contains("swapped axes suspected") && text.contains("--fix-axes")
        }
        #expect(try r.parcelCount == 0)
        var o = ImportOptions()
        o.fixAxes = true
        #expect(try r.importFile(path, o).imported.parcels == 1)
    }

    @Test("a duplicate id names both features")
    func duplicate() throws {
        let e = try refusal("duplicate-ids.geojson")
        guard case .duplicateID(let id, let first) = e.reason else { Issue.record("\(e)"); return }
        #expect(id == "BAD-000" && first == "feature 1" && e.position == "feature 3")
    }

    @Test("an unknown CRS refuses the whole file")
    func unknownCRS() throws {
        let e = try refusal("unknown-crs.geojson")
        guard case .crs(let text) = e.reason else { Issue.record("\(e)"); return }
        #expect(text.contains("999999") && e.position == nil)
    }

    @Test("a CSV without --crs whose coordinates fit several CRSs (a lon/lat registry decides nothing) is refused rather than guessed")
    func csvNeedsCRS() throws {
        let r = try newRegistry(crs: "EPSG:4490")
        #expect(throws: ImportError.self) { try r.importFile(fixture("parcels-wkt.csv")) }
        #expect(try r.parcelCount == 0)
    }

    @Test("an unknown status is refused with the accepted values")
    func unknownStatus() throws {
        let dir = try scratchDirectory()
        let path = dir + "/status.geojson"
        try """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"S-1","properties":{"status":"abandoned"},"geometry":{"type":"Polygon","coordinates":[[[114.9,27.8],[114.901,27.8],[114.901,27.801],[114.9,27.8]]]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try newRegistry()
        #expect {
            try r.importFile(path)
        } throws: { e in
            (e as? ImportError)?.description.contains("under_recovery") == true
        }
    }
}

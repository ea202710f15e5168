import Testing
import LandbankGeometry
@testable import LandbankGeodesy

/// Corners of a 100 m square whose south-west corner is `(x, y)`.
private func square(_ x: Double, _ y: Double, swapped: Bool = false) -> [Point] {
    [(0.0, 0.0), (100, 0), (100, 100), (0, 100)].map { dx, dy in
        swapped ? Point(x: y + dy, y: x + dx) : Point(x: x + dx, y: y + dy)
    }
}

@Suite("CRS inference from coordinates, and axis swaps")
struct CRSInferenceTests {
    let g: ThreadGeodesy
    init() throws { g = try ThreadGeodesy.current() }

    func inferred(_ s: [Point], registry: String? = nil) throws -> CRSInference.Outcome {
        CRSInference.infer(s, registry: try registry.map { try g.crs($0) }, geodesy: g)
    }

    @Test("lon/lat, straight or swapped (latitude first)")
    func lonLat() throws {
        let s = [Point(x: 114.85, y: 27.83), Point(x: 114.86, y: 27.84)]
        guard case .inferred(let r, _) = try inferred(s) else { Issue.record("not inferred"); return }
        #expect(r.crs == "EPSG:4326" && !r.swapped)
        guard case .inferred(let w, _) = try inferred(s.map { Point(x: $0.y, y: $0.x) }) else { Issue.record("not inferred"); return }
        #expect(w.crs == "EPSG:4326" && w.swapped)
    }

    @Test("a zone prefix names the zone: 3° zone 38 is EPSG:4526, 6° zone 20 is EPSG:4498; swapped X/Y too")
    func prefixed() throws {
        guard case .inferred(let r, _) = try inferred(square(38_584_000, 3_082_000)) else { Issue.record("3°"); return }
        #expect(r.crs == "EPSG:4526" && !r.swapped)
        guard case .inferred(let six, _) = try inferred(square(20_584_000, 3_082_000)) else { Issue.record("6°"); return }
        #expect(six.crs == "EPSG:4498")
        guard case .inferred(let w, _) = try inferred(square(38_584_000, 3_082_000, swapped: true)) else { Issue.record("swapped"); return }
        #expect(w.crs == "EPSG:4526" && w.swapped)
    }

    @Test("an unprefixed easting fits many central meridians and UTM: refused unless the registry's CRS decides")
    func unprefixed() throws {
        let s = square(584_000, 3_082_000)
        guard case .ambiguous(let options) = try inferred(s) else { Issue.record("not ambiguous"); return }
        let codes = Set(options.map(\.crs))
        #expect(codes.isSuperset(of: ["EPSG:4547", "EPSG:4509", "EPSG:32650"]))
        guard case .inferred(let r, let why) = try inferred(s, registry: "EPSG:4547") else { Issue.record("registry"); return }
        #expect(r.crs == "EPSG:4547" && why.contains("registry's CRS"))
        guard case .inferred(let u, _) = try inferred(s, registry: "EPSG:32650") else { Issue.record("UTM"); return }
        #expect(u.crs == "EPSG:32650")
        // A lon/lat registry over all China decides nothing.
        guard case .ambiguous = try inferred(s, registry: "EPSG:4490") else { Issue.record("4490 decided"); return }
    }

    @Test("numbers no CRS over China fits are named")
    func unknown() throws {
        guard case .unknown(let why) = try inferred([Point(x: 5, y: 5e9)]) else { Issue.record("guessed"); return }
        #expect(why.contains("fit neither longitude/latitude nor"))
    }

    @Test("swapped axes of a declared CRS are found; straight ones are not")
    func swappedDeclared() throws {
        #expect(CRSInference.axesSwapped(square(584_000, 3_082_000, swapped: true), crs: "EPSG:4547", geodesy: g))
        #expect(!CRSInference.axesSwapped(square(584_000, 3_082_000), crs: "EPSG:4547", geodesy: g))
    }

    @Test("a point outside the area of use gets its likely cause")
    func causes() throws {
        let area = try g.crs("EPSG:4547").areaOfUse!
        let p = Point(x: 584_000, y: 3_082_000)
        #expect(OutsideCause.diagnose(p, crs: "EPSG:4548", registryArea: area, geodesy: g)?.contains("wrong zone: the coordinates fit EPSG:4547") == true)
        #expect(OutsideCause.diagnose(Point(x: p.y, y: p.x), crs: "EPSG:4547", registryArea: area, geodesy: g)?.contains("swapped") == true)
        #expect(OutsideCause.diagnose(p, crs: "EPSG:4526", registryArea: area, geodesy: g)?.contains("carry no zone number") == true)
        #expect(OutsideCause.diagnose(Point(x: 38_584_000, y: 3_082_000), crs: "EPSG:4547", registryArea: area, geodesy: g)?.contains("zone number 38") == true)
    }
}
